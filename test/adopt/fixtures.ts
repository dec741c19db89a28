/**
 * A database holding every kind the catalog model knows, spread over three schemas,
 * with foreign keys between schemas and a foreign-key cycle: what `strata pull` must
 * write back so that it builds again.
 */
export const EVERY_KIND = `
CREATE ROLE strata_adopt_owner NOLOGIN;
CREATE ROLE strata_adopt_reader NOLOGIN;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'The application.';
CREATE SCHEMA ledger;
CREATE SCHEMA ext;
CREATE EXTENSION citext WITH SCHEMA ext;
CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TYPE app.status AS ENUM ('new', 'done');
COMMENT ON TYPE app.status IS 'Lifecycle.';
CREATE DOMAIN app.positive AS integer NOT NULL CHECK (VALUE > 0);
CREATE TYPE app.money_pair AS (amount numeric(12,2), currency char(3));
CREATE TYPE app.float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE SEQUENCE app.ticket_no START 1000 INCREMENT 5;

CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TABLE app.customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email ext.citext NOT NULL UNIQUE,
  name text COLLATE app.ci,
  status app.status NOT NULL DEFAULT 'new',
  ticket integer NOT NULL DEFAULT nextval('app.ticket_no'),
  score app.positive,
  balance app.money_pair,
  window_ app.float_range,
  name_len integer GENERATED ALWAYS AS (length(name)) STORED,
  best_order bigint,
  updated_at timestamptz
);
COMMENT ON TABLE app.customers IS 'Who buys.';
COMMENT ON COLUMN app.customers.email IS 'Unique, case-insensitive.';
CREATE INDEX customers_lower_name ON app.customers (lower(name)) WHERE status = 'new';
CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_read ON app.customers FOR SELECT TO strata_adopt_reader USING (status = 'done');

CREATE TABLE app.orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES app.customers (id) ON DELETE CASCADE,
  total numeric(12,2) CHECK (total >= 0),
  during tstzrange,
  EXCLUDE USING gist (during WITH &&)
);
ALTER TABLE app.customers ADD CONSTRAINT customers_best_order_fk FOREIGN KEY (best_order) REFERENCES app.orders (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE ledger.entries (
  id bigint NOT NULL,
  order_id bigint REFERENCES app.orders (id),
  booked date NOT NULL,
  PRIMARY KEY (id, booked)
) PARTITION BY RANGE (booked);
CREATE TABLE ledger.entries_2026 PARTITION OF ledger.entries FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE ledger.entries_default PARTITION OF ledger.entries DEFAULT;
CREATE UNLOGGED TABLE ledger.scratch (id int);
CREATE TABLE ledger.base (id int, note text);
CREATE TABLE ledger.child (extra int) INHERITS (ledger.base);

CREATE FUNCTION ledger.order_total(p_order bigint) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT total FROM app.orders WHERE id = p_order $$;
COMMENT ON FUNCTION ledger.order_total(bigint) IS 'Total of one order.';
CREATE FUNCTION ledger.order_total(p_order bigint, p_tax numeric) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT ledger.order_total(p_order) * (1 + p_tax) $$;
CREATE PROCEDURE ledger.book(p_order bigint) LANGUAGE sql AS $$ INSERT INTO ledger.entries (id, order_id, booked) VALUES (p_order, p_order, current_date) $$;
CREATE AGGREGATE ledger.sum_sq(numeric) (sfunc = numeric_add, stype = numeric, initcond = '0');
CREATE VIEW ledger.order_totals AS SELECT o.id, ledger.order_total(o.id) AS total FROM app.orders o;
COMMENT ON VIEW ledger.order_totals IS 'Per order.';
CREATE MATERIALIZED VIEW ledger.daily AS SELECT booked, count(*) AS n FROM ledger.entries GROUP BY booked WITH NO DATA;
CREATE INDEX daily_booked ON ledger.daily (booked);

CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER strata_adopt_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION app.on_ddl();
ALTER EVENT TRIGGER strata_adopt_ddl DISABLE;

GRANT USAGE ON SCHEMA app, ledger TO strata_adopt_reader;
GRANT SELECT ON app.customers TO strata_adopt_reader;
GRANT UPDATE (name) ON app.customers TO strata_adopt_reader;
GRANT USAGE ON SEQUENCE app.ticket_no TO strata_adopt_reader;
REVOKE EXECUTE ON FUNCTION ledger.order_total(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.order_total(bigint) TO strata_adopt_reader;
GRANT USAGE ON TYPE app.status TO strata_adopt_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA ledger GRANT SELECT ON TABLES TO strata_adopt_reader;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER TABLE ledger.scratch OWNER TO strata_adopt_owner;
ALTER VIEW ledger.order_totals OWNER TO strata_adopt_owner;
-- The catalog kinds: foreign data, replication, rules, statistics, text search, operators, casts, languages.
ALTER TABLE app.orders REPLICA IDENTITY FULL;
CREATE RULE scratch_keep AS ON DELETE TO ledger.scratch DO INSTEAD NOTHING;
CREATE STATISTICS app.customers_stats (dependencies) ON status, ticket FROM app.customers;
CREATE PUBLICATION strata_adopt_pub FOR TABLE app.orders (id, total) WHERE (total > 0);
CREATE SUBSCRIPTION strata_adopt_sub CONNECTION 'dbname=nowhere' PUBLICATION strata_adopt_pub WITH (connect = false, slot_name = NONE);
CREATE FOREIGN DATA WRAPPER strata_adopt_w;
CREATE SERVER strata_adopt_s FOREIGN DATA WRAPPER strata_adopt_w OPTIONS (host 'remote.example');
CREATE USER MAPPING FOR strata_adopt_reader SERVER strata_adopt_s OPTIONS (user 'reader');
CREATE FOREIGN TABLE ledger.rates (code text NOT NULL, rate numeric) SERVER strata_adopt_s OPTIONS (table_name 'rates');
CREATE ACCESS METHOD strata_adopt_am TYPE TABLE HANDLER heap_tableam_handler;
CREATE TEXT SEARCH PARSER app.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH TEMPLATE app.tmpl (LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY app.dict (TEMPLATE = app.tmpl);
CREATE TEXT SEARCH CONFIGURATION app.cfg (PARSER = app.prs);
ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR word WITH app.dict;
CREATE OPERATOR app.=| (FUNCTION = int4eq, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR CLASS app.int_hash FOR TYPE integer USING hash AS OPERATOR 1 app.=|, FUNCTION 1 hashint4(integer);
CREATE CAST (app.money_pair AS text) WITH INOUT;
CREATE CONVERSION app.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE FUNCTION app.pl_handler() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
CREATE LANGUAGE strata_adopt_pl HANDLER app.pl_handler;
CREATE FUNCTION app.pair_from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE TRANSFORM FOR app.money_pair LANGUAGE strata_adopt_pl (FROM SQL WITH FUNCTION app.pair_from_sql(internal));
`;
