/* @name EventsInRange */
-- Events of the tenant in [from, to), newest first. The constant-free range on occurred_at still prunes
-- partitions at execution time; inside each partition idx_events_occurred_at is used.
SELECT id, event_type, event_name, user_id, project_id, properties, occurred_at
  FROM events
 WHERE occurred_at >= :from! AND occurred_at < :to!
 ORDER BY occurred_at DESC
 LIMIT :limit!;

/* @name DailyEventCounts */
-- Events per day and type in [from, to), for activity charts.
SELECT date_trunc('day', occurred_at) AS day, event_type, count(*) AS events
  FROM events
 WHERE occurred_at >= :from! AND occurred_at < :to!
 GROUP BY 1, 2
 ORDER BY 1, 2;

/* @name RecordEvent */
INSERT INTO events (organization_id, user_id, event_type, event_name, properties, project_id)
VALUES (current_tenant(), current_app_user(), :eventType!, :eventName!, :properties!, :projectId)
RETURNING id, occurred_at;
