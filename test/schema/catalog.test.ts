/**
 * Design rules checked on the catalog, generically: they hold for any table added later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ScratchDb } from '../helpers/server.js';
import { client, schemaDb } from './fixture.js';

let db: ScratchDb;
let c: pg.Client;

beforeAll(async () => {
  db = await schemaDb();
  c = await client(db.url);
});

afterAll(async () => {
  await c?.end();
  await db?.drop();
});

const rows = async <T>(sql: string): Promise<T[]> => (await c.query(sql)).rows as T[];

describe('indexes', () => {
  it('every foreign key has an index whose leading columns are the key columns', async () => {
    // A partial index counts only when its predicate is `<fk column> IS NOT NULL`: rows it leaves out
    // can never match a referenced key. Anything else would leave cascades scanning the table.
    const missing = await rows<{ tbl: string; conname: string }>(`
      SELECT c.conrelid::regclass::text AS tbl, c.conname
        FROM pg_constraint c
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
         AND NOT EXISTS (
           SELECT 1 FROM pg_index i
            WHERE i.indrelid = c.conrelid
              AND i.indnkeyatts >= cardinality(c.conkey)
              AND (SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
                = (SELECT array_agg(x ORDER BY x) FROM unnest(c.conkey) x)
              AND (i.indpred IS NULL OR EXISTS (
                    SELECT 1 FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k
                     WHERE pg_get_expr(i.indpred, i.indrelid) = '(' || quote_ident(a.attname) || ' IS NOT NULL)')))`);
    expect(missing).toEqual([]);
  });

  it('no index duplicates or is a leading prefix of another index (including PK and UNIQUE ones)', async () => {
    const redundant = await rows<{ redundant: string; covered_by: string }>(`
      SELECT a.indexrelid::regclass::text AS redundant, b.indexrelid::regclass::text AS covered_by
        FROM pg_index a
        JOIN pg_index b ON a.indrelid = b.indrelid AND a.indexrelid <> b.indexrelid
        JOIN pg_class ca ON ca.oid = a.indexrelid
        JOIN pg_class cb ON cb.oid = b.indexrelid
       WHERE ca.relnamespace = 'public'::regnamespace
         AND ca.relam = cb.relam
         AND a.indexprs IS NULL AND b.indexprs IS NULL
         AND coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
         AND a.indnkeyatts <= b.indnkeyatts
         AND (a.indkey::int2[])[0:a.indnkeyatts - 1] = (b.indkey::int2[])[0:a.indnkeyatts - 1]
         AND (a.indclass::oid[])[0:a.indnkeyatts - 1] = (b.indclass::oid[])[0:a.indnkeyatts - 1]
         AND (a.indoption::int2[])[0:a.indnkeyatts - 1] = (b.indoption::int2[])[0:a.indnkeyatts - 1]
         -- A covering index whose INCLUDE columns the wider one lacks serves index-only scans it cannot.
         AND (a.indkey::int2[])[a.indnkeyatts:] <@ (b.indkey::int2[])
         -- A unique index is needed for its constraint even when a wider index starts with its columns;
         -- two identical unique indexes are still duplicates.
         AND (NOT a.indisunique OR a.indnkeyatts = b.indnkeyatts)
         AND (a.indnkeyatts < b.indnkeyatts OR a.indexrelid > b.indexrelid OR NOT b.indisunique)`);
    expect(redundant).toEqual([]);
  });

  it('no index has a boolean as its only key column', async () => {
    const bad = await rows<{ idx: string }>(`
      SELECT i.indexrelid::regclass::text AS idx
        FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        JOIN pg_class c ON c.oid = i.indexrelid
       WHERE c.relnamespace = 'public'::regnamespace AND i.indnkeyatts = 1 AND a.atttypid = 'bool'::regtype`);
    expect(bad).toEqual([]);
  });

  it('index names follow idx_<table>_..., constraint-backed ones <table>_..._pkey/_key', async () => {
    const bad = await rows<{ idx: string; tbl: string }>(`
      SELECT ic.relname AS idx, tc.relname AS tbl
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
       WHERE ic.relnamespace = 'public'::regnamespace AND NOT tc.relispartition
         AND NOT (ic.relname LIKE 'idx\\_' || tc.relname || '\\_%'
                  OR (EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                      AND ic.relname LIKE tc.relname || '\\_%' AND ic.relname ~ '_(pkey|key)$'))`);
    expect(bad).toEqual([]);
  });
});

describe('conventions', () => {
  it('every table and column has a comment', async () => {
    const missing = await rows<{ tbl: string; col: string | null }>(`
      SELECT c.relname AS tbl, a.attname AS col
        FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND (obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL)`);
    expect(missing).toEqual([]);
  });

  it('names are snake_case and timestamps are timestamptz', async () => {
    const badNames = await rows<{ name: string }>(`
      SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname !~ '^[a-z][a-z0-9_]*$'
      UNION ALL
      SELECT attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND attname !~ '^[a-z][a-z0-9_]*$'`);
    expect(badNames).toEqual([]);
    const naive = await rows<{ col: string }>(`
      SELECT c.relname || '.' || a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
         AND a.atttypid = 'timestamp'::regtype`);
    expect(naive).toEqual([]);
  });

  it('every table with updated_at has the trigger that maintains it', async () => {
    const missing = await rows<{ tbl: string }>(`
      SELECT c.relname AS tbl FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at'
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
         AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgfoid = 'set_updated_at'::regproc)`);
    expect(missing).toEqual([]);
  });

  it('no JSON array stands in for a relation (no *_ids or dependencies json columns)', async () => {
    const bad = await rows<{ col: string }>(`
      SELECT c.relname || '.' || a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0
         AND a.atttypid IN ('json'::regtype, 'jsonb'::regtype, 'uuid[]'::regtype)
         AND (a.attname ~ '(_ids|dependencies|blockers|participants|members)$')`);
    expect(bad).toEqual([]);
  });

  it('app_owner owns every table, function and type', async () => {
    const foreign = await rows<{ obj: string }>(`
      SELECT relname AS obj FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relowner <> 'app_owner'::regrole
      UNION ALL
      SELECT proname FROM pg_proc p WHERE pronamespace = 'public'::regnamespace AND proowner <> 'app_owner'::regrole
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      UNION ALL
      SELECT typname FROM pg_type t WHERE typnamespace = 'public'::regnamespace AND typtype = 'e' AND typowner <> 'app_owner'::regrole`);
    expect(foreign).toEqual([]);
  });

  it('app_system bypasses RLS and the tenant roles do not', async () => {
    const roles = await rows<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `SELECT rolname, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname IN ('app_owner', 'app_admin', 'app_analyst', 'app_viewer', 'app_system') ORDER BY 1`,
    );
    expect(roles).toEqual([
      { rolname: 'app_admin', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'app_analyst', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'app_owner', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'app_system', rolbypassrls: true, rolcanlogin: false },
      { rolname: 'app_viewer', rolbypassrls: false, rolcanlogin: false },
    ]);
  });
});

describe('events partitions', () => {
  it('creates monthly partitions idempotently and drains matching rows from the default partition', async () => {
    await c.query('BEGIN');
    try {
      const org = (await c.query<{ id: string }>(`INSERT INTO organizations (name, slug) VALUES ('P', 'partition-test') RETURNING id`)).rows[0]!.id;
      await c.query(
        `INSERT INTO events (organization_id, event_type, event_name, occurred_at)
         SELECT $1, 'page_view', 'x', t FROM unnest(ARRAY['2031-01-15 12:00Z', '2031-02-01 00:00Z', '2031-02-28 23:59:59Z', '2031-05-01 00:00Z']::timestamptz[]) t`,
        [org],
      );
      const created = (await c.query<{ n: number }>(`SELECT create_events_partitions('2031-01-20', 3) AS n`)).rows[0]!.n;
      expect(created).toBe(3);
      expect((await c.query<{ n: number }>(`SELECT create_events_partitions('2031-01-01', 3) AS n`)).rows[0]!.n).toBe(0);
      const placement = (
        await c.query<{ part: string; n: string }>(`SELECT tableoid::regclass::text AS part, count(*) AS n FROM events WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`, [org])
      ).rows;
      expect(placement).toEqual([
        { part: 'events_2031_01', n: '1' },
        { part: 'events_2031_02', n: '2' },
        { part: 'events_default', n: '1' },
      ]);
      // A month's bounds are UTC whatever the session time zone.
      const bounds = (await c.query<{ b: string }>(`SELECT pg_get_expr(relpartbound, oid) AS b FROM pg_class WHERE relname = 'events_2031_03'`)).rows[0]!.b;
      expect(bounds).toMatch(/2031-03-01 00:00:00\+00.*2031-04-01 00:00:00\+00/);
      // Range queries prune to the partitions they touch.
      const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM events WHERE occurred_at >= '2031-02-01Z' AND occurred_at < '2031-03-01Z'`)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toContain('events_2031_02');
      expect(plan).not.toContain('events_2031_01');
      expect(plan).not.toContain('events_default');
    } finally {
      await c.query('ROLLBACK');
    }
  });
});
