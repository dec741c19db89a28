/**
 * Foreign tables and extension membership with rows present: a partitioned table
 * whose local partition holds rows and whose foreign partition (postgres_fdw,
 * loopback) reads a real table; the foreign partition's bound, options and a column
 * type change, a table with rows joins an extension. Up and down keep every row, here
 * and on the remote side, and converge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, diffSnapshots, type Snapshot } from '../../src/engine/index.js';
import { queryOnce } from '../../src/db/connect.js';
import { testServer, type ScratchDb } from '../helpers/server.js';
import { applyScript, scratchBuilder, type CaseDb } from './harness.js';

const build = scratchBuilder('strata_frows');
let remote: ScratchDb;

const state = (bound: string, remoteOptions: string, extra: string) => {
  const u = new URL(remote.url);
  return `
  CREATE EXTENSION postgres_fdw;
  CREATE EXTENSION pg_trgm;
  CREATE SERVER loop FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${u.hostname}', port '${u.port}', dbname '${u.pathname.slice(1)}');
  CREATE USER MAPPING FOR postgres SERVER loop OPTIONS (user 'postgres', password 'not-needed-for-a-superuser');
  CREATE TABLE m (k int NOT NULL, id int NOT NULL, note text) PARTITION BY LIST (k);
  CREATE TABLE m_local PARTITION OF m FOR VALUES IN (0);
  CREATE FOREIGN TABLE m_remote PARTITION OF m ${bound} SERVER loop OPTIONS (${remoteOptions});
  CREATE TABLE keep_t (id int PRIMARY KEY, v text);
  ${extra}`;
};

async function counts(db: ScratchDb): Promise<{ m: number; local: number; keep: number }> {
  const [r] = await queryOnce<{ m: string; local: string; keep: string }>(
    db.url,
    'SELECT (SELECT count(*) FROM m) AS m, (SELECT count(*) FROM m_local) AS local, (SELECT count(*) FROM keep_t) AS keep',
  );
  return { m: Number(r!.m), local: Number(r!.local), keep: Number(r!.keep) };
}

describe('foreign tables and extension membership with rows present', () => {
  let db: CaseDb;
  let oldSnap: Snapshot;
  let newSnap: Snapshot;
  beforeAll(async () => {
    remote = await (await testServer()).scratch({ prefix: 'strata_frows_remote' });
    await queryOnce(remote.url, `CREATE TABLE src (k int, id int, note text); INSERT INTO src SELECT 1 + g % 2, g, 'r' || g FROM generate_series(1, 40) g`);
    const target = await build(state('FOR VALUES IN (1, 2)', "table_name 'src', fetch_size '50'", 'ALTER EXTENSION pg_trgm ADD TABLE keep_t;'), 'new');
    db = await build(state('FOR VALUES IN (1)', "table_name 'src'", ''), 'old');
    await queryOnce(db.url, `INSERT INTO m_local SELECT 0, g, 'l' || g FROM generate_series(1, 300) g; INSERT INTO keep_t SELECT g, 'v' FROM generate_series(1, 50) g`);
    [oldSnap, newSnap] = await Promise.all([db.snapshot(), target.snapshot()]);
  });
  afterAll(async () => {
    await remote?.drop();
  });

  it('up and down keep every row and converge', async () => {
    // A foreign partition's bound is not checked on the remote side: all 40 remote rows come through it.
    const before = await counts(db);
    expect(before).toEqual({ m: 340, local: 300, keep: 50 });
    const plan = diffSnapshots(oldSnap, newSnap);
    expect(plan.up).toContain('DROP FOREIGN TABLE public.m_remote');
    expect(plan.up).toContain('CREATE FOREIGN TABLE public.m_remote PARTITION OF public.m FOR VALUES IN (1, 2) SERVER loop');
    expect(plan.up).toContain('ALTER EXTENSION pg_trgm ADD TABLE public.keep_t');
    expect(plan.up).not.toContain('not-needed-for-a-superuser');
    await applyScript(db, plan.up);
    expect(compareSnapshots(await db.snapshot(), newSnap)).toEqual([]);
    expect(await counts(db)).toEqual(before);
    await applyScript(db, plan.down);
    expect(compareSnapshots(await db.snapshot(), oldSnap)).toEqual([]);
    expect(await counts(db)).toEqual(before);
    const [r] = await queryOnce<{ n: string }>(remote.url, 'SELECT count(*) AS n FROM src');
    expect(Number(r!.n)).toBe(40);
  });
});
