/**
 * Diff cases for the catalog kinds: text search, operators and their classes and
 * families, casts, conversions, languages and transforms. Run by the invariant test
 * with the other cases (cases.ts appends them).
 */
import type { DiffCase } from './cases.js';

const TS_BASE = `
  CREATE SCHEMA ts;
  CREATE TEXT SEARCH PARSER ts.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
  CREATE TEXT SEARCH TEMPLATE ts.tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);`;

const OPS_BASE = `
  CREATE SCHEMA ops;
  CREATE FUNCTION ops.abs_lt(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) < abs($2);
  CREATE FUNCTION ops.abs_le(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) <= abs($2);
  CREATE FUNCTION ops.abs_eq(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) = abs($2);
  CREATE FUNCTION ops.abs_ge(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) >= abs($2);
  CREATE FUNCTION ops.abs_gt(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) > abs($2);
  CREATE FUNCTION ops.abs_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE STRICT RETURN btint4cmp(abs($1), abs($2));
  CREATE FUNCTION ops.abs_cmp2(int, int) RETURNS int LANGUAGE sql IMMUTABLE STRICT RETURN btint4cmp(abs($1), abs($2)) * 1;
  CREATE FUNCTION ops.abs_lt8(int, bigint) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) < abs($2);
  CREATE OPERATOR ops.<| (FUNCTION = ops.abs_lt, LEFTARG = int, RIGHTARG = int, COMMUTATOR = OPERATOR(ops.|>), NEGATOR = OPERATOR(ops.|>=));
  CREATE OPERATOR ops.<|= (FUNCTION = ops.abs_le, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR ops.=| (FUNCTION = ops.abs_eq, LEFTARG = int, RIGHTARG = int, COMMUTATOR = OPERATOR(ops.=|));
  CREATE OPERATOR ops.|>= (FUNCTION = ops.abs_ge, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR ops.|> (FUNCTION = ops.abs_gt, LEFTARG = int, RIGHTARG = int);
  CREATE OPERATOR ops.<| (FUNCTION = ops.abs_lt8, LEFTARG = int, RIGHTARG = bigint);
  CREATE TABLE ops.t (id int PRIMARY KEY, v int);`;

const GIST_GIN = (consistent: string, extract: string) => `
  CREATE SCHEMA ops;
  CREATE FUNCTION ops.box_consistent(internal, box, smallint, oid, internal) RETURNS boolean LANGUAGE internal IMMUTABLE STRICT AS 'gist_box_consistent';
  CREATE FUNCTION ops.gin_extract(anyarray, internal, internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'ginarrayextract';
  CREATE OPERATOR CLASS ops.box_gist FOR TYPE box USING gist AS OPERATOR 3 &&(box, box), OPERATOR 7 @>(box, box),
    FUNCTION 1 ${consistent}(internal, box, smallint, oid, internal), FUNCTION 2 gist_box_union(internal, internal),
    FUNCTION 5 gist_box_penalty(internal, internal, internal), FUNCTION 6 gist_box_picksplit(internal, internal), FUNCTION 7 gist_box_same(box, box, internal);
  CREATE OPERATOR CLASS ops.int_gin FOR TYPE integer[] USING gin AS OPERATOR 2 @>(anyarray, anyarray), FUNCTION 1 btint4cmp(integer, integer),
    FUNCTION 2 ${extract}(anyarray, internal, internal),
    FUNCTION 3 ginqueryarrayextract(anyarray, internal, smallint, internal, internal, internal, internal),
    FUNCTION 4 ginarrayconsistent(internal, smallint, anyarray, integer, internal, internal, internal, internal), STORAGE integer;
  CREATE TABLE ops.s (id int PRIMARY KEY, tags integer[], area box);
  CREATE INDEX s_area ON ops.s USING gist (area ops.box_gist);
  CREATE INDEX s_tags ON ops.s USING gin (tags ops.int_gin);`;

export const CATALOG_CASES: DiffCase[] = [
  {
    name: 'text search: parser, template, dictionary and configuration created, used by a generated tsvector column and its index',
    old: '',
    new: `${TS_BASE}
      CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = ts.tmpl, ACCEPT = false);
      COMMENT ON TEXT SEARCH DICTIONARY ts.dict IS 'rejects';
      CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = ts.prs);
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword, word WITH ts.dict, simple;
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR int, uint WITH simple;
      COMMENT ON TEXT SEARCH CONFIGURATION ts.cfg IS 'the config';
      CREATE TABLE ts.doc (id int PRIMARY KEY, body text,
        tsv tsvector GENERATED ALWAYS AS (to_tsvector('ts.cfg'::regconfig, body)) STORED);
      CREATE INDEX doc_tsv ON ts.doc USING gin (tsv);`,
    expectUp: [
      'CREATE TEXT SEARCH PARSER ts.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline)',
      'CREATE TEXT SEARCH TEMPLATE ts.tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize)',
      "CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = ts.tmpl, accept = 'false')",
      'ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword, word WITH ts.dict, pg_catalog.simple',
    ],
  },
  {
    name: 'text search: mappings added, altered and dropped, dictionary options changed, in place under a tsvector column',
    old: `${TS_BASE}
      CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = ts.tmpl, ACCEPT = false, STOPWORDS = english);
      CREATE TEXT SEARCH DICTIONARY ts.old (TEMPLATE = simple);
      CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = ts.prs);
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword WITH ts.dict, simple;
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR int WITH ts.old;
      CREATE TABLE ts.doc (id int, tsv tsvector GENERATED ALWAYS AS (to_tsvector('ts.cfg'::regconfig, id::text)) STORED);`,
    new: `${TS_BASE}
      CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = ts.tmpl, ACCEPT = true);
      CREATE TEXT SEARCH DICTIONARY ts.new (TEMPLATE = simple);
      CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = ts.prs);
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword WITH simple;
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR int, uint WITH ts.new;
      CREATE TABLE ts.doc (id int, tsv tsvector GENERATED ALWAYS AS (to_tsvector('ts.cfg'::regconfig, id::text)) STORED);`,
    expectUp: [
      "ALTER TEXT SEARCH DICTIONARY ts.dict (stopwords, accept = 'true')",
      'ALTER MAPPING FOR asciiword WITH pg_catalog.simple',
      'ADD MAPPING FOR uint WITH ts.new',
      'ALTER MAPPING FOR int WITH ts.new',
      'DROP TEXT SEARCH DICTIONARY ts.old',
    ],
    rejectUp: ['DROP TEXT SEARCH CONFIGURATION', 'DROP COLUMN', 'DROP TABLE'],
  },
  {
    name: 'text search: a new parser recreates the configuration; a new template recreates the dictionary',
    old: `${TS_BASE}
      CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = ts.tmpl);
      CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = ts.prs);
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword WITH ts.dict;
      CREATE TABLE ts.doc (id int, body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('ts.cfg'::regconfig, body)) STORED);`,
    new: `${TS_BASE}
      CREATE TEXT SEARCH DICTIONARY ts.dict (TEMPLATE = simple);
      CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = default);
      ALTER TEXT SEARCH CONFIGURATION ts.cfg ADD MAPPING FOR asciiword WITH ts.dict;
      CREATE TABLE ts.doc (id int, body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('ts.cfg'::regconfig, body)) STORED);`,
    expectUp: ['DROP TEXT SEARCH CONFIGURATION ts.cfg', 'CREATE TEXT SEARCH CONFIGURATION ts.cfg (PARSER = pg_catalog."default")'],
    rejectUp: ['DROP TABLE'],
  },
  {
    name: 'extension members: a configuration over an extension dictionary, used by a tsvector column',
    old: `CREATE SCHEMA ts;`,
    new: `
      CREATE SCHEMA ts;
      CREATE EXTENSION unaccent WITH SCHEMA ts;
      CREATE TEXT SEARCH CONFIGURATION ts.plain (COPY = pg_catalog.simple);
      ALTER TEXT SEARCH CONFIGURATION ts.plain ALTER MAPPING FOR asciiword, word WITH ts.unaccent, simple;
      CREATE TABLE ts.doc (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('ts.plain'::regconfig, body)) STORED);`,
    expectUp: ['CREATE EXTENSION unaccent WITH SCHEMA ts', 'ADD MAPPING FOR asciiword, word WITH ts.unaccent, pg_catalog.simple'],
    rejectUp: ['CREATE TEXT SEARCH DICTIONARY', 'CREATE TEXT SEARCH TEMPLATE', 'CREATE FUNCTION'],
  },
  {
    name: 'operators, an operator class with an index using it, and a family with a loose cross-type member',
    old: `CREATE SCHEMA ops;`,
    new: `${OPS_BASE}
      COMMENT ON OPERATOR ops.<| (int, int) IS 'less by magnitude';
      -- Names a commutator it never defines: a shell operator, made again by this CREATE.
      CREATE OPERATOR ops.~~~ (FUNCTION = ops.abs_eq, LEFTARG = int, RIGHTARG = int, COMMUTATOR = OPERATOR(ops.~~~~));
      CREATE OPERATOR FAMILY ops.abs_fam USING btree;
      CREATE OPERATOR CLASS ops.abs_ops FOR TYPE int USING btree FAMILY ops.abs_fam AS
        OPERATOR 1 ops.<|, OPERATOR 2 ops.<|=, OPERATOR 3 ops.=|, OPERATOR 4 ops.|>=, OPERATOR 5 ops.|>, FUNCTION 1 ops.abs_cmp(int, int);
      ALTER OPERATOR FAMILY ops.abs_fam USING btree ADD OPERATOR 1 ops.<| (int, bigint);
      CREATE INDEX t_v_abs ON ops.t (v ops.abs_ops);`,
    expectUp: [
      'CREATE OPERATOR ops.<| (FUNCTION = ops.abs_lt, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(ops.|>), NEGATOR = OPERATOR(ops.|>=))',
      'CREATE OPERATOR FAMILY ops.abs_fam USING btree',
      'ALTER OPERATOR FAMILY ops.abs_fam USING btree ADD OPERATOR 1 ops.<| (integer, bigint)',
      'CREATE OPERATOR CLASS ops.abs_ops FOR TYPE integer USING btree FAMILY ops.abs_fam AS OPERATOR 1 ops.<| (integer, integer)',
      'USING btree (v ops.abs_ops)',
    ],
  },
  {
    name: 'operator class changed: recreated with the index using it; family members and estimators changed in place',
    old: `${OPS_BASE}
      CREATE OPERATOR FAMILY ops.abs_fam USING btree;
      CREATE OPERATOR CLASS ops.abs_ops FOR TYPE int USING btree FAMILY ops.abs_fam AS
        OPERATOR 1 ops.<|, OPERATOR 2 ops.<|=, OPERATOR 3 ops.=|, OPERATOR 4 ops.|>=, OPERATOR 5 ops.|>, FUNCTION 1 ops.abs_cmp(int, int);
      ALTER OPERATOR FAMILY ops.abs_fam USING btree ADD OPERATOR 1 ops.<| (int, bigint);
      CREATE INDEX t_v_abs ON ops.t (v ops.abs_ops);`,
    new: `${OPS_BASE}
      ALTER OPERATOR ops.=| (int, int) SET (RESTRICT = eqsel, JOIN = eqjoinsel);
      CREATE OPERATOR FAMILY ops.abs_fam USING btree;
      CREATE OPERATOR CLASS ops.abs_ops FOR TYPE int USING btree FAMILY ops.abs_fam AS
        OPERATOR 1 ops.<|, OPERATOR 2 ops.<|=, OPERATOR 3 ops.=|, OPERATOR 4 ops.|>=, OPERATOR 5 ops.|>, FUNCTION 1 ops.abs_cmp2(int, int);
      CREATE INDEX t_v_abs ON ops.t (v ops.abs_ops);`,
    expectUp: [
      'ALTER OPERATOR ops.=| (integer, integer) SET (RESTRICT = eqsel, JOIN = eqjoinsel)',
      'ALTER OPERATOR FAMILY ops.abs_fam USING btree DROP OPERATOR 1 (integer, bigint)',
      'DROP OPERATOR CLASS ops.abs_ops USING btree',
      'FUNCTION 1 (integer, integer) ops.abs_cmp2(integer,integer)',
      'CREATE INDEX t_v_abs',
    ],
    rejectUp: ['DROP OPERATOR ops', 'DROP TABLE'],
  },
  {
    name: 'GiST and GIN operator classes: a required support function changed recreates the class and rebuilds its index',
    old: `${GIST_GIN('gist_box_consistent', 'ginarrayextract')}`,
    new: `${GIST_GIN('ops.box_consistent', 'ops.gin_extract')}`,
    expectUp: ['DROP INDEX ops.s_area', 'DROP OPERATOR CLASS ops.box_gist USING gist', 'CREATE OPERATOR CLASS ops.box_gist', 'USING gist (area ops.box_gist)'],
    rejectUp: ['DROP TABLE', 'ALTER TABLE'],
  },
  {
    name: 'an operator whose function changes is recreated with the class, index and view using it',
    old: `${OPS_BASE}
      CREATE OPERATOR CLASS ops.abs_ops FOR TYPE int USING btree AS
        OPERATOR 1 ops.<|, OPERATOR 2 ops.<|=, OPERATOR 3 ops.=|, OPERATOR 4 ops.|>=, OPERATOR 5 ops.|>, FUNCTION 1 ops.abs_cmp(int, int);
      CREATE INDEX t_v_abs ON ops.t (v ops.abs_ops);
      CREATE VIEW ops.small AS SELECT id FROM ops.t WHERE v OPERATOR(ops.<|=) 10;`,
    new: `${OPS_BASE.replace('CREATE OPERATOR ops.<|= (FUNCTION = ops.abs_le,', 'CREATE FUNCTION ops.abs_le2(int, int) RETURNS bool LANGUAGE sql IMMUTABLE STRICT RETURN abs($1) <= abs($2) OR false;\n  CREATE OPERATOR ops.<|= (FUNCTION = ops.abs_le2,')}
      CREATE OPERATOR CLASS ops.abs_ops FOR TYPE int USING btree AS
        OPERATOR 1 ops.<|, OPERATOR 2 ops.<|=, OPERATOR 3 ops.=|, OPERATOR 4 ops.|>=, OPERATOR 5 ops.|>, FUNCTION 1 ops.abs_cmp(int, int);
      CREATE INDEX t_v_abs ON ops.t (v ops.abs_ops);
      CREATE VIEW ops.small AS SELECT id FROM ops.t WHERE v OPERATOR(ops.<|=) 10;`,
    expectUp: ['DROP INDEX ops.t_v_abs', 'DROP VIEW ops.small', 'DROP OPERATOR CLASS ops.abs_ops USING btree', 'DROP OPERATOR ops.<|= (integer, integer)', 'CREATE OPERATOR ops.<|= (FUNCTION = ops.abs_le2', 'CREATE INDEX t_v_abs', 'CREATE VIEW ops.small'],
    rejectUp: ['DROP TABLE', 'DROP OPERATOR ops.<| '],
  },
  {
    name: 'casts: with function, without function, with inout; explicit, assignment, implicit; changed by drop and create',
    old: `
      CREATE SCHEMA c;
      CREATE TYPE c.pair AS (x int, y int);
      CREATE TYPE c.pair2 AS (x int, y int);
      CREATE FUNCTION c.pair_text(c.pair) RETURNS text LANGUAGE sql IMMUTABLE RETURN ($1).x || ',' || ($1).y;
      CREATE CAST (c.pair AS text) WITH INOUT;
      CREATE CAST (cid AS xid) WITHOUT FUNCTION AS IMPLICIT;`,
    new: `
      CREATE SCHEMA c;
      CREATE TYPE c.pair AS (x int, y int);
      CREATE TYPE c.pair2 AS (x int, y int);
      CREATE FUNCTION c.pair_text(c.pair) RETURNS text LANGUAGE sql IMMUTABLE RETURN ($1).x || ',' || ($1).y;
      CREATE CAST (c.pair AS text) WITH FUNCTION c.pair_text(c.pair) AS ASSIGNMENT;
      COMMENT ON CAST (c.pair AS text) IS 'as x,y';
      CREATE CAST (xid AS cid) WITHOUT FUNCTION;
      CREATE CAST (c.pair2 AS text) WITH INOUT AS IMPLICIT;`,
    expectUp: [
      'DROP CAST (cid AS xid)',
      'CREATE CAST (c.pair AS text) WITH FUNCTION c.pair_text(c.pair) AS ASSIGNMENT',
      'CREATE CAST (xid AS cid) WITHOUT FUNCTION',
      'CREATE CAST (c.pair2 AS text) WITH INOUT AS IMPLICIT',
      "COMMENT ON CAST (c.pair AS text) IS 'as x,y'",
    ],
  },
  {
    name: 'conversions: created, made default, commented',
    old: `CREATE SCHEMA cv; CREATE CONVERSION cv.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;`,
    new: `CREATE SCHEMA cv; CREATE DEFAULT CONVERSION cv.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
      CREATE CONVERSION cv.l2 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1; COMMENT ON CONVERSION cv.l2 IS 'back';`,
    expectUp: ["CREATE DEFAULT CONVERSION cv.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8", "CREATE CONVERSION cv.l2 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1"],
  },
  {
    name: 'languages: created with a function in it, made trusted with inline and validator handlers, USAGE revoked; transforms',
    old: `
      CREATE SCHEMA pl;
      CREATE FUNCTION pl.h() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
      CREATE FUNCTION pl.i(internal) RETURNS void LANGUAGE c STRICT AS '$libdir/plpgsql', 'plpgsql_inline_handler';
      CREATE FUNCTION pl.v(oid) RETURNS void LANGUAGE c STRICT AS '$libdir/plpgsql', 'plpgsql_validator';
      CREATE FUNCTION pl.from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
      CREATE TYPE pl.pair AS (x int, y int);
      CREATE LANGUAGE mylang HANDLER pl.h;
      CREATE FUNCTION pl.f() RETURNS int LANGUAGE mylang AS 'BEGIN RETURN 1; END';`,
    new: `
      CREATE SCHEMA pl;
      CREATE FUNCTION pl.h() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
      CREATE FUNCTION pl.i(internal) RETURNS void LANGUAGE c STRICT AS '$libdir/plpgsql', 'plpgsql_inline_handler';
      CREATE FUNCTION pl.v(oid) RETURNS void LANGUAGE c STRICT AS '$libdir/plpgsql', 'plpgsql_validator';
      CREATE FUNCTION pl.from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
      CREATE TYPE pl.pair AS (x int, y int);
      CREATE TRUSTED LANGUAGE mylang HANDLER pl.h INLINE pl.i VALIDATOR pl.v;
      REVOKE USAGE ON LANGUAGE mylang FROM PUBLIC;
      COMMENT ON LANGUAGE mylang IS 'plpgsql again';
      CREATE FUNCTION pl.f() RETURNS int LANGUAGE mylang AS 'BEGIN RETURN 1; END';
      CREATE TRANSFORM FOR pl.pair LANGUAGE mylang (FROM SQL WITH FUNCTION pl.from_sql(internal));
      COMMENT ON TRANSFORM FOR pl.pair LANGUAGE mylang IS 'pairs';`,
    expectUp: [
      'CREATE OR REPLACE TRUSTED LANGUAGE mylang HANDLER pl.h INLINE pl.i VALIDATOR pl.v',
      'REVOKE USAGE ON LANGUAGE mylang FROM PUBLIC',
      'CREATE TRANSFORM FOR pl.pair LANGUAGE mylang (FROM SQL WITH FUNCTION pl.from_sql(internal))',
    ],
    rejectUp: ['DROP LANGUAGE', 'DROP FUNCTION'],
  },
];
