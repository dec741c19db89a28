/**
 * No silent gaps: one object of every kind in src/core/model/coverage.ts is created
 * on real PostgreSQL; the kinds strata models must not be reported, every other one
 * must be reported as not managed under its kind and name. docs/coverage.md is
 * generated from the same list and must be current.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVERAGE, renderCoverage } from '../../src/core/model/coverage.js';
import type { Snapshot } from '../../src/core/model/index.js';
import { IsolationLevel } from '@databases/pg';
import { connect, execOnce, queryable, queryOnce } from '../../src/db/connect.js';
import { introspect, READERS } from '../../src/introspect/index.js';
import { PRESENCE } from '../../src/introspect/presence.js';
import { snapshotDatabase, withoutBookkeeping } from '../../src/state/index.js';
import { PROJECT_ROOT, testServer, type ScratchDb } from '../helpers/server.js';

/** For each kind: SQL creating one object of it, and the name it must be reported under (when not modelled). */
const EXAMPLES: Record<string, { sql: string; name?: string }> = {
  schema: { sql: 'CREATE SCHEMA s1' },
  extension: { sql: 'CREATE EXTENSION pg_trgm' },
  table: { sql: 'CREATE TABLE s1.t (id int PRIMARY KEY, a int, b int, c text)' },
  index: { sql: 'CREATE INDEX t_a ON s1.t (a)' },
  sequence: { sql: 'CREATE SEQUENCE s1.seq' },
  view: { sql: 'CREATE VIEW s1.v AS SELECT id, a FROM s1.t' },
  'materialized view': { sql: 'CREATE MATERIALIZED VIEW s1.mv AS SELECT id FROM s1.t' },
  'foreign table': { sql: 'CREATE FOREIGN TABLE s1.ft (x int) SERVER srv1', name: 's1.ft' },
  'composite type': { sql: 'CREATE TYPE s1.pair AS (x int, y int)' },
  domain: { sql: 'CREATE DOMAIN s1.pos AS int CONSTRAINT pos_check CHECK (VALUE > 0)' },
  enum: { sql: "CREATE TYPE s1.mood AS ENUM ('a', 'b')" },
  'range type': { sql: 'CREATE TYPE s1.fr AS RANGE (subtype = float8)' },
  'base type': {
    sql: `CREATE TYPE s1.b1;
      CREATE FUNCTION s1.b1_in(cstring) RETURNS s1.b1 LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
      CREATE FUNCTION s1.b1_out(s1.b1) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
      CREATE TYPE s1.b1 (INPUT = s1.b1_in, OUTPUT = s1.b1_out, LIKE = int4)`,
    name: 's1.b1',
  },
  'shell type': { sql: 'CREATE TYPE s1.shell', name: 's1.shell' },
  function: { sql: 'CREATE FUNCTION s1.add(int, int) RETURNS int LANGUAGE sql IMMUTABLE RETURN $1 + $2' },
  procedure: { sql: 'CREATE PROCEDURE s1.p() LANGUAGE sql BEGIN ATOMIC SELECT 1; END' },
  aggregate: { sql: 'CREATE AGGREGATE s1.total(int) (SFUNC = int4pl, STYPE = int)' },
  'table constraint': { sql: 'ALTER TABLE s1.t ADD CONSTRAINT t_a_check CHECK (a > 0)' },
  'domain constraint': { sql: 'ALTER DOMAIN s1.pos ADD CONSTRAINT pos_small CHECK (VALUE < 100)' },
  trigger: {
    sql: `CREATE FUNCTION s1.trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
      CREATE TRIGGER t_trg BEFORE INSERT ON s1.t FOR EACH ROW EXECUTE FUNCTION s1.trg()`,
  },
  'event trigger': {
    sql: `CREATE FUNCTION s1.evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
      CREATE EVENT TRIGGER cov_evt ON ddl_command_start WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION s1.evt()`,
  },
  policy: { sql: 'ALTER TABLE s1.t ENABLE ROW LEVEL SECURITY; CREATE POLICY p1 ON s1.t USING (a > 0)' },
  collation: { sql: "CREATE COLLATION s1.c1 (provider = icu, locale = 'und')" },
  'default acl': { sql: 'ALTER DEFAULT PRIVILEGES IN SCHEMA s1 GRANT SELECT ON TABLES TO PUBLIC' },
  rule: { sql: 'CREATE RULE t_ignore AS ON DELETE TO s1.t WHERE old.a < 0 DO INSTEAD NOTHING', name: 't_ignore on s1.t' },
  'statistics object': { sql: 'CREATE STATISTICS s1.st ON a, b FROM s1.t', name: 's1.st' },
  publication: { sql: 'CREATE PUBLICATION pub1 FOR TABLE s1.t', name: 'pub1' },
  subscription: {
    sql: "CREATE SUBSCRIPTION cov_sub CONNECTION 'host=127.0.0.1 port=1 dbname=none' PUBLICATION pub1 WITH (connect = false, slot_name = NONE)",
    name: 'cov_sub',
  },
  'foreign-data wrapper': { sql: 'CREATE FOREIGN DATA WRAPPER fdw1', name: 'fdw1' },
  server: { sql: "CREATE SERVER srv1 FOREIGN DATA WRAPPER fdw1 OPTIONS (host 'db')", name: 'srv1' },
  'user mapping': { sql: "CREATE USER MAPPING FOR PUBLIC SERVER srv1 OPTIONS (password 'secret')", name: 'public on server srv1' },
  'text search configuration': { sql: 'CREATE TEXT SEARCH CONFIGURATION s1.tsc (COPY = pg_catalog.simple)', name: 's1.tsc' },
  'text search dictionary': { sql: 'CREATE TEXT SEARCH DICTIONARY s1.tsd (TEMPLATE = pg_catalog.simple)', name: 's1.tsd' },
  'text search parser': {
    sql: 'CREATE TEXT SEARCH PARSER s1.tsp (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)',
    name: 's1.tsp',
  },
  'text search template': { sql: 'CREATE TEXT SEARCH TEMPLATE s1.tst (LEXIZE = dsimple_lexize)', name: 's1.tst' },
  operator: { sql: 'CREATE OPERATOR s1.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)', name: 's1.===(integer,integer)' },
  'operator family': { sql: 'CREATE OPERATOR FAMILY s1.fam USING hash', name: 's1.fam USING hash' },
  'operator class': {
    sql: 'CREATE OPERATOR CLASS s1.cls FOR TYPE int USING hash FAMILY s1.fam AS OPERATOR 1 =, FUNCTION 1 hashint4(int)',
    name: 's1.cls USING hash',
  },
  cast: { sql: 'CREATE CAST (s1.pair AS text) WITH INOUT', name: '(s1.pair AS pg_catalog.text)' },
  language: {
    sql: `CREATE FUNCTION s1.lang_handler() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
      CREATE LANGUAGE lang1 HANDLER s1.lang_handler`,
    name: 'lang1',
  },
  conversion: { sql: "CREATE CONVERSION s1.conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8", name: 's1.conv' },
  transform: {
    sql: `CREATE FUNCTION s1.tf_from(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
      CREATE TRANSFORM FOR s1.pair LANGUAGE lang1 (FROM SQL WITH FUNCTION s1.tf_from(internal))`,
    name: 'for s1.pair language lang1',
  },
  'access method': { sql: 'CREATE ACCESS METHOD am1 TYPE TABLE HANDLER heap_tableam_handler', name: 'am1' },
  'large object': { sql: 'SELECT lo_create(4242424)', name: '4242424' },
};

const ORDER = [
  'schema', 'extension', 'table', 'foreign-data wrapper', 'server', 'user mapping', 'foreign table', 'composite type',
  'domain', 'domain constraint', 'enum', 'range type', 'shell type', 'base type', 'index', 'sequence', 'view',
  'materialized view', 'function', 'procedure', 'aggregate', 'table constraint', 'trigger', 'event trigger', 'policy',
  'collation', 'default acl', 'rule', 'statistics object', 'publication', 'subscription', 'text search configuration',
  'text search dictionary', 'text search parser', 'text search template', 'operator', 'operator family', 'operator class',
  'cast', 'language', 'conversion', 'transform', 'access method', 'large object',
];

describe('no silent gaps', () => {
  let db: ScratchDb;
  let snap: Snapshot;

  beforeAll(async () => {
    db = await (await testServer()).scratch({ prefix: 'strata_cov' });
    for (const k of ORDER) await execOnce(db.url, EXAMPLES[k]!.sql);
    snap = await snapshotDatabase(db.url);
  });

  afterAll(async () => {
    if (!db) return;
    // A subscription outlives its database unless dropped first; without a slot it drops without connecting.
    await execOnce(db.url, 'DROP SUBSCRIPTION IF EXISTS cov_sub').catch(() => undefined);
    await execOnce(db.url, 'DROP EVENT TRIGGER IF EXISTS cov_evt').catch(() => undefined);
    await db.drop();
  });

  it('the example list covers every kind of the coverage list, in creation order', () => {
    expect(new Set(ORDER)).toEqual(new Set(COVERAGE.map((c) => c.kind)));
    expect(new Set(Object.keys(EXAMPLES))).toEqual(new Set(ORDER));
  });

  it('reports exactly the kinds strata does not model, each under its name', () => {
    const expected = COVERAGE.filter((c) => !c.modelledAs).map((c) => ({ kind: c.kind, name: EXAMPLES[c.kind]!.name }));
    const got = snap.unmanaged ?? [];
    for (const e of expected) expect(got, `${e.kind} ${e.name}`).toContainEqual(e);
    // Nothing else: no modelled kind, and nothing an example created implicitly.
    expect(got.length, JSON.stringify(got, null, 1)).toBe(expected.length);
  });

  it('the modelled examples are in the snapshot, and unmanaged is ignored by the differ', async () => {
    for (const c of COVERAGE.filter((c) => c.modelledAs)) {
      expect(snap.objects.some((o) => c.modelledAs!.includes(o.kind)), c.kind).toBe(true);
    }
    const { listDifferences } = await import('../../src/diff/index.js');
    expect(listDifferences(snap, { ...snap, unmanaged: [] })).toEqual([]);
  });

  it('the presence probes see every kind here, and a snapshot with them equals one running every reader', async () => {
    const probes = await presence(db.url);
    // No example changes a replica identity.
    expect(Object.entries(probes).filter(([, p]) => !p).map(([name]) => name)).toEqual(['replica_identity']);
    // Renamed readers have no probe, so every query runs.
    const unprobed = READERS.map((r) => ({ ...r, name: `${r.name} (unprobed)` }));
    const pool = connect(db.url, { poolSize: 1 });
    try {
      const full = await pool.tx((tx) => introspect(queryable(tx), unprobed), { readOnly: true, isolationLevel: IsolationLevel.REPEATABLE_READ });
      expect(JSON.stringify(withoutBookkeeping(full))).toBe(JSON.stringify(snap));
    } finally {
      await pool.dispose();
    }
  });

  it('docs/coverage.md is current (STRATA_WRITE_DOCS=1 rewrites it)', async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const num = (v: string) => v.split('.').reduce((n, part) => n * 1000 + Number(part), 0);
    for (const c of COVERAGE) if (c.since) expect(num(c.since) <= num(pkg.version), `${c.kind} since ${c.since}`).toBe(true);
    const want = renderCoverage(pkg.version);
    const file = path.join(PROJECT_ROOT, 'docs', 'coverage.md');
    if (process.env.STRATA_WRITE_DOCS === '1') await writeFile(file, want);
    const have = await readFile(file, 'utf8').catch(() => '');
    expect(have, 'docs/coverage.md is stale: run STRATA_WRITE_DOCS=1 npx vitest run test/engine/coverage.test.ts').toBe(want);
  });
});

/** Each probe of src/introspect/presence.ts, evaluated on `url`. */
async function presence(url: string): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const [name, probe] of Object.entries(PRESENCE)) out[name] = (await queryOnce<{ p: boolean }>(url, `SELECT ${probe} AS p`))[0]!.p;
  return out;
}

describe('presence probes', () => {
  it('name readers, and on an empty database are all false while every probed reader finds no row', async () => {
    const names = new Set(READERS.map((r) => r.name));
    expect(Object.keys(PRESENCE).filter((n) => !names.has(n))).toEqual([]);
    const empty = await (await testServer()).scratch({ prefix: 'strata_cov_empty' });
    try {
      const probes = await presence(empty.url);
      expect(Object.entries(probes).filter(([, p]) => p).map(([name]) => name)).toEqual([]);
      for (const r of READERS.filter((r) => PRESENCE[r.name])) {
        const rows = await queryOnce(empty.url, `SET search_path = ''; ${r.sql}`);
        expect(rows, r.name).toEqual([]);
      }
    } finally {
      await empty.drop();
    }
  });
});
