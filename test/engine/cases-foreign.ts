/**
 * Diff cases for user mappings, foreign tables, subscriptions and event trigger tag
 * sets (run by invariants.test.ts with the other cases). Secret values appear in
 * the states and must never appear in a plan.
 */
import type { DiffCase } from './cases.js';

const FDW = `CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'remote.example');`;

export const FOREIGN_CASES: DiffCase[] = [
  {
    name: 'user mappings and servers: secret options written as placeholders, never as values; values are not compared',
    old: `${FDW}
      CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'app', password 'hunter2-old', password_required 'true');
      CREATE SERVER s_gone FOREIGN DATA WRAPPER w;
      CREATE USER MAPPING FOR postgres SERVER s_gone OPTIONS (password 'gone-secret');`,
    new: `${FDW}
      CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'app2', password 'hunter2-new', passfile '/etc/pass');
      CREATE USER MAPPING FOR postgres SERVER s OPTIONS (user 'me', sslpassword 'hunter3', "Api_Key" 'k-123');
      CREATE SERVER s_tok FOREIGN DATA WRAPPER w OPTIONS (api_token 'tok-999', host 'h');`,
    expectUp: [
      'DROP USER MAPPING FOR postgres SERVER s_gone',
      "ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (DROP password_required, ADD passfile '${STRATA_SECRET_S_PUBLIC_PASSFILE}', SET user 'app2')",
      `CREATE USER MAPPING FOR postgres SERVER s OPTIONS ("Api_Key" '\${STRATA_SECRET_S_POSTGRES_API_KEY}', sslpassword '\${STRATA_SECRET_S_POSTGRES_SSLPASSWORD}', user 'me')`,
      '-- secret(s) supplied at apply time: STRATA_SECRET_S_POSTGRES_API_KEY, STRATA_SECRET_S_POSTGRES_SSLPASSWORD',
      "CREATE SERVER s_tok FOREIGN DATA WRAPPER w OPTIONS (api_token '${STRATA_SECRET_S_TOK_API_TOKEN}', host 'h')",
    ],
    rejectUp: ['hunter', 'gone-secret', 'k-123', 'tok-999', 'SET password'],
  },
  {
    name: 'foreign tables: columns with options, table options, CHECK and NOT NULL, inheritance, partitions, server change',
    old: `${FDW}
      CREATE SERVER s2 FOREIGN DATA WRAPPER w;
      CREATE FOREIGN TABLE ft1 (a int OPTIONS (column_name 'A'), b text NOT NULL, c int) SERVER s OPTIONS (table_name 't1', schema_name 'x');
      ALTER FOREIGN TABLE ft1 ADD CONSTRAINT ft1_c CHECK (c > 0);
      CREATE VIEW ft1_v AS SELECT a, c FROM ft1;
      CREATE TABLE m (id int, k int) PARTITION BY LIST (k);
      CREATE FOREIGN TABLE m_remote PARTITION OF m FOR VALUES IN (1) SERVER s;
      CREATE TABLE base (x int);
      CREATE FOREIGN TABLE ft_child (y int) INHERITS (base) SERVER s;
      CREATE FOREIGN TABLE ft_gone (z int) SERVER s;
      CREATE FOREIGN TABLE ft_move (z int) SERVER s;`,
    new: `${FDW}
      CREATE SERVER s2 FOREIGN DATA WRAPPER w;
      CREATE FOREIGN TABLE ft1 (a int OPTIONS (column_name 'AA', other 'o'), b text, c bigint, d text OPTIONS (column_name 'D') NOT NULL DEFAULT 'x')
        SERVER s OPTIONS (table_name 't2');
      ALTER FOREIGN TABLE ft1 ADD CONSTRAINT ft1_c CHECK (c > 10);
      COMMENT ON FOREIGN TABLE ft1 IS 'remote rows';
      COMMENT ON COLUMN ft1.d IS 'from D';
      GRANT SELECT ON ft1 TO PUBLIC;
      GRANT INSERT (d) ON ft1 TO PUBLIC;
      CREATE VIEW ft1_v AS SELECT a, c FROM ft1;
      CREATE TABLE m (id int, k int) PARTITION BY LIST (k);
      CREATE FOREIGN TABLE m_remote PARTITION OF m FOR VALUES IN (1, 2) SERVER s OPTIONS (table_name 'm1');
      CREATE TABLE base (x int);
      CREATE FOREIGN TABLE ft_child (y int) SERVER s;
      CREATE FOREIGN TABLE ft_move (z int) SERVER s2;
      CREATE FOREIGN TABLE ft_new (id int OPTIONS (column_name 'ID') NOT NULL, CHECK (id > 0)) INHERITS (base) SERVER s2;`,
    expectUp: [
      'DROP FOREIGN TABLE public.ft_gone',
      'DROP FOREIGN TABLE public.ft_move',
      "ALTER FOREIGN TABLE public.ft1 OPTIONS (DROP schema_name, SET table_name 't2')",
      "ALTER FOREIGN TABLE public.ft1 ALTER COLUMN a OPTIONS (SET column_name 'AA', ADD other 'o')",
      "ALTER FOREIGN TABLE public.ft1 ADD COLUMN d text OPTIONS (column_name 'D') DEFAULT 'x'::text NOT NULL",
      'ALTER COLUMN c TYPE bigint',
      'ALTER FOREIGN TABLE public.ft_child NO INHERIT public.base',
      'ALTER FOREIGN TABLE public.ft_child DROP COLUMN x',
      "CREATE FOREIGN TABLE public.m_remote PARTITION OF public.m FOR VALUES IN (1, 2) SERVER s OPTIONS (table_name 'm1')",
      "COMMENT ON FOREIGN TABLE public.ft1 IS 'remote rows'",
      'CREATE FOREIGN TABLE public.ft_move (\n    z integer\n) SERVER s2',
      "id integer OPTIONS (column_name 'ID') NOT NULL\n) INHERITS (public.base) SERVER s2",
    ],
    rejectUp: ['DROP FOREIGN TABLE public.ft1', 'DROP FOREIGN TABLE public.ft_child'],
  },
  {
    name: 'foreign tables: INHERIT and NO INHERIT in place, a view over the table kept',
    old: `${FDW}
      CREATE TABLE base (x int NOT NULL, z text);
      CREATE TABLE base2 (w int);
      CREATE FOREIGN TABLE ft_join (x int NOT NULL, z text, y int) SERVER s;
      CREATE FOREIGN TABLE ft_leave (y int) INHERITS (base2) SERVER s;
      CREATE VIEW ft_v AS SELECT j.y, l.y AS ly FROM ft_join j, ft_leave l;`,
    new: `${FDW}
      CREATE TABLE base (x int NOT NULL, z text);
      CREATE TABLE base2 (w int);
      CREATE FOREIGN TABLE ft_join (x int NOT NULL, z text, y int) INHERITS (base) SERVER s;
      CREATE FOREIGN TABLE ft_leave (y int) SERVER s;
      CREATE VIEW ft_v AS SELECT j.y, l.y AS ly FROM ft_join j, ft_leave l;`,
    expectUp: ['ALTER FOREIGN TABLE public.ft_join INHERIT public.base', 'ALTER FOREIGN TABLE public.ft_leave NO INHERIT public.base2', 'ALTER FOREIGN TABLE public.ft_leave DROP COLUMN w'],
    rejectUp: ['DROP FOREIGN TABLE', 'DROP VIEW', 'CREATE FOREIGN TABLE'],
  },
  {
    name: 'subscriptions: created without connecting, connection secrets as placeholders, publications and options altered',
    old: `
      CREATE SUBSCRIPTION sub1 CONNECTION 'host=127.0.0.1 port=1 dbname=a password=hunter2' PUBLICATION p1 WITH (connect = false);
      CREATE SUBSCRIPTION sub_gone CONNECTION 'dbname=x' PUBLICATION p WITH (connect = false, slot_name = NONE);
      CREATE SUBSCRIPTION sub_slot CONNECTION 'dbname=y' PUBLICATION p WITH (connect = false, slot_name = 'kept_slot');`,
    new: `
      CREATE SUBSCRIPTION sub1 CONNECTION 'host=127.0.0.2 port=1 dbname=a password=''hunter 3''' PUBLICATION p2, p1
        WITH (connect = false, binary = true, streaming = parallel, slot_name = 'sub1_slot');
      COMMENT ON SUBSCRIPTION sub1 IS 'from the publisher';
      CREATE SUBSCRIPTION sub_uri CONNECTION 'postgresql://rep:p%40ss@pub.example:5433/app?sslmode=require' PUBLICATION p
        WITH (connect = false, slot_name = NONE, origin = none);`,
    expectUp: [
      'ALTER SUBSCRIPTION sub_gone DISABLE',
      'DROP SUBSCRIPTION sub_gone',
      'ALTER SUBSCRIPTION sub_slot SET (slot_name = NONE)',
      "ALTER SUBSCRIPTION sub1 CONNECTION 'dbname=a host=127.0.0.2 password=${STRATA_SECRET_SUB1_PASSWORD} port=1'",
      'ALTER SUBSCRIPTION sub1 SET PUBLICATION p1, p2 WITH (refresh = false)',
      "slot_name = 'sub1_slot'",
      'binary = true',
      'streaming = parallel',
      "CREATE SUBSCRIPTION sub_uri CONNECTION 'dbname=app host=pub.example password=${STRATA_SECRET_SUB_URI_PASSWORD} port=5433 sslmode=require user=rep' PUBLICATION p WITH (connect = false, enabled = false, create_slot = false, slot_name = NONE",
      'origin = none',
    ],
    rejectUp: ['hunter', 'p%40ss', 'p@ss'],
  },
  {
    name: 'event trigger tag filters are sets: order, case and repeats do not matter',
    old: `
      CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
      CREATE EVENT TRIGGER et ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION evt();
      ALTER EVENT TRIGGER et DISABLE;`,
    new: `
      CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
      CREATE EVENT TRIGGER et ON ddl_command_end WHEN TAG IN ('alter table', 'CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION evt();
      ALTER EVENT TRIGGER et DISABLE;`,
    same: true,
  },
  {
    name: 'extension membership: objects added to and dropped from an extension stay where they are',
    old: `
      CREATE EXTENSION pg_trgm;
      CREATE TABLE keep_t (a int PRIMARY KEY, b text);
      CREATE INDEX keep_t_b ON keep_t (b);
      CREATE TYPE mood AS ENUM ('a', 'b');
      CREATE TABLE uses_mood (m mood);
      ALTER EXTENSION pg_trgm ADD TYPE mood;
      CREATE FUNCTION f(int) RETURNS int LANGUAGE sql IMMUTABLE RETURN $1 + 1;`,
    new: `
      CREATE EXTENSION pg_trgm;
      CREATE TABLE keep_t (a int PRIMARY KEY, b text);
      CREATE INDEX keep_t_b ON keep_t (b);
      ALTER EXTENSION pg_trgm ADD TABLE keep_t;
      CREATE TYPE mood AS ENUM ('a', 'b');
      CREATE TABLE uses_mood (m mood);
      CREATE FUNCTION f(int) RETURNS int LANGUAGE sql IMMUTABLE RETURN $1 + 1;
      ALTER EXTENSION pg_trgm ADD FUNCTION f(int);`,
    expectUp: ['ALTER EXTENSION pg_trgm DROP TYPE public.mood', 'ALTER EXTENSION pg_trgm ADD TABLE public.keep_t', 'ALTER EXTENSION pg_trgm ADD FUNCTION public.f(integer)'],
    rejectUp: ['DROP TABLE', 'CREATE TABLE', 'CREATE TYPE', '\nDROP TYPE', 'CREATE FUNCTION', 'DROP FUNCTION', 'DROP INDEX'],
  },
];
