-- Product analytics events: range-partitioned by month on occurred_at. A default partition catches rows
-- outside the created months; create_events_partitions() adds months ahead of time (run it from a daily job)
-- and moves any rows already sitting in the default partition into the new month.

CREATE TABLE events (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id         uuid,
  event_type      text NOT NULL,
  event_name      text NOT NULL,
  properties      jsonb NOT NULL DEFAULT '{}',
  project_id      uuid,
  ip_address      inet,
  user_agent      text,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_pkey PRIMARY KEY (organization_id, id, occurred_at),
  CONSTRAINT events_type_check CHECK (event_type ~ '^[a-z][a-z0-9_]*$'),
  CONSTRAINT events_properties_check CHECK (jsonb_typeof(properties) = 'object')
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE events IS 'Append-only analytics events, partitioned by month. user_id and project_id are plain values, not FKs: events outlive the rows they mention and must never block their deletion; erase_user() clears user_id.';
COMMENT ON COLUMN events.id IS 'Event id; unique together with occurred_at (the partition key must be in the key).';
COMMENT ON COLUMN events.organization_id IS 'Tenant.';
COMMENT ON COLUMN events.user_id IS 'Acting user, if known.';
COMMENT ON COLUMN events.event_type IS 'Category, e.g. page_view, api_call.';
COMMENT ON COLUMN events.event_name IS 'Specific event, e.g. task.board.opened.';
COMMENT ON COLUMN events.properties IS 'Event attributes (JSON object).';
COMMENT ON COLUMN events.project_id IS 'Project in context, if any.';
COMMENT ON COLUMN events.ip_address IS 'Client address (personal data, cleared on erasure).';
COMMENT ON COLUMN events.user_agent IS 'Client user agent.';
COMMENT ON COLUMN events.occurred_at IS 'When it happened; the partition key.';
CREATE TABLE events_default PARTITION OF events DEFAULT;
COMMENT ON TABLE events_default IS 'Catch-all partition for months not yet created; create_events_partitions() drains it.';
-- Time-range queries per tenant prune partitions on occurred_at and use this index inside each one.
CREATE INDEX idx_events_occurred_at ON events (organization_id, occurred_at DESC);
CREATE INDEX idx_events_user_id_occurred_at ON events (user_id, occurred_at DESC) WHERE user_id IS NOT NULL;

CREATE FUNCTION create_events_partitions(p_from date, p_months integer DEFAULT 3)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  m       date := date_trunc('month', p_from)::date;
  lo      timestamptz;
  hi      timestamptz;
  part    text;
  created integer := 0;
BEGIN
  IF p_months < 1 OR p_months > 120 THEN
    RAISE EXCEPTION 'p_months must be between 1 and 120, got %', p_months USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 0 .. p_months - 1 LOOP
    lo := (m + make_interval(months => i))::timestamp AT TIME ZONE 'UTC';
    hi := (m + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC';
    part := format('events_%s', to_char(m + make_interval(months => i), 'YYYY_MM'));
    CONTINUE WHEN to_regclass(format('public.%I', part)) IS NOT NULL;
    -- Month boundaries are UTC whatever the session time zone, so partition names match their ranges.
    -- Rows of that month already in the default partition are parked in a temporary table, the partition
    -- is created empty (creating it over rows still in the default partition would fail), and the rows
    -- are re-inserted through the parent. Attaching a pre-filled table instead would re-validate the
    -- foreign key as the owner, which forced RLS on organizations hides rows from.
    EXECUTE format(
      'CREATE TEMP TABLE events_moving ON COMMIT DROP AS '
      'WITH moved AS (DELETE FROM events_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) '
      'SELECT * FROM moved', lo, hi);
    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    EXECUTE 'INSERT INTO events SELECT * FROM pg_temp.events_moving';
    EXECUTE 'DROP TABLE pg_temp.events_moving';
    EXECUTE format('COMMENT ON TABLE %I IS %L', part, format('Events of %s (monthly partition).', to_char(m + make_interval(months => i), 'YYYY-MM')));
    created := created + 1;
  END LOOP;
  RETURN created;
END
$$;
COMMENT ON FUNCTION create_events_partitions(date, integer) IS 'Creates the monthly partitions of events from the month of p_from for p_months months (idempotent), draining matching rows from the default partition. Returns how many were created. Runs as the owner; EXECUTE is granted to app_system.';
