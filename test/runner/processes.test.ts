/**
 * Real runner processes against one database: concurrent starts, and a
 * `kill -9` in the middle of a transactional migration. The child is plain
 * `node` on the fixture bundled once by esbuild (packages stay external): under
 * `--import tsx` each of the nine children spent ~1.9 s of CPU compiling src/.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { ADVISORY_LOCK_KEY, migrateUp } from '../../src/runner/index.js';
import { query, scratch, tempDir } from './helpers.js';
import type { ScratchDb } from '../helpers/server.js';

const FIXTURE = path.resolve('test/runner/fixtures/migrate-up.ts');
let bundleDir: string;
let CHILD: string;
beforeAll(async () => {
  // Inside the project so the bundle's bare imports resolve from its node_modules.
  const cache = path.resolve('node_modules/.cache');
  await mkdir(cache, { recursive: true });
  bundleDir = await mkdtemp(path.join(cache, 'strata-runner-child-'));
  CHILD = path.join(bundleDir, 'migrate-up.mjs');
  await build({ entryPoints: [FIXTURE], outfile: CHILD, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
});
afterAll(async () => {
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

let db: ScratchDb;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  db = await scratch();
});
afterEach(async () => {
  await db?.drop();
  await dir?.remove();
});

function run(): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CHILD, db.url, dir.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('eight runners started at once apply each version exactly once', async () => {
  const files: Record<string, string> = {
    '20250101000001_log.up.sql': 'CREATE TABLE applied_log (version bigint NOT NULL, backend int NOT NULL DEFAULT pg_backend_pid());\nINSERT INTO applied_log (version) VALUES (1);\n',
  };
  for (let v = 2; v <= 6; v++) {
    files[`2025010100000${v}_step${v}.up.sql`] = `SELECT pg_sleep(0.1);\nINSERT INTO applied_log (version) VALUES (${v});\nCREATE TABLE t${v} (id int);\n`;
  }
  files['20250101000007_concurrent.up.sql'] = '-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t2_id_idx ON t2 (id);\nINSERT INTO applied_log (version) VALUES (7);\n';
  dir = await tempDir(files);
  const runs = Array.from({ length: 8 }, () => run());
  const results = await Promise.all(runs.map((r) => r.done));
  for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
  const appliedPerProcess = results.map((r) => JSON.parse(r.stdout.trim()) as string[]);
  const all = appliedPerProcess.flat().sort();
  expect(all).toEqual(Object.keys(files).map((f) => f.slice(0, 14)).sort());
  const log = await query<{ version: string; n: string }>(db.url, 'SELECT version::text, count(*)::text AS n FROM applied_log GROUP BY 1 ORDER BY 1');
  expect(log).toEqual(['1', '2', '3', '4', '5', '6', '7'].map((v) => ({ version: v, n: '1' })));
  const history = await query<{ n: string; dirty: string }>(db.url, 'SELECT count(*)::text AS n, count(*) FILTER (WHERE dirty)::text AS dirty FROM strata.schema_migrations');
  expect(history).toEqual([{ n: '7', dirty: '0' }]);
});

it('kill -9 of the runner in the middle of a transactional migration leaves no partial state', async () => {
  dir = await tempDir({
    '20250101000001_base.up.sql': 'CREATE TABLE base (id int);\n',
    '20250101000002_slow.up.sql': 'CREATE TABLE partial (id int);\nINSERT INTO partial VALUES (1);\nSELECT pg_sleep(60);\nCREATE TABLE never (id int);\n',
  });
  const r = run();
  // Wait until the runner's backend is inside the sleep, i.e. mid-transaction (the file runs as one batch).
  await waitFor('the migration to reach pg_sleep', async () => {
    const rows = await query(db.url, `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'strata migrate' AND state = 'active' AND wait_event = 'PgSleep' AND query LIKE '%pg_sleep(60)%'`);
    return rows.length > 0;
  });
  r.child.kill('SIGKILL');
  const exit = await r.done;
  expect(exit.signal).toBe('SIGKILL');
  // The backend notices the dead client (client_connection_check_interval) and rolls back.
  await waitFor('the killed runner\'s backend to end', async () => {
    const rows = await query(db.url, `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'strata migrate'`);
    return rows.length === 0;
  }, 20_000);
  expect(await query(db.url, `SELECT to_regclass('partial') AS a, to_regclass('never') AS b, to_regclass('base')::text AS c`)).toEqual([{ a: null, b: null, c: 'base' }]);
  expect(await query(db.url, 'SELECT version::text, dirty FROM strata.schema_migrations')).toEqual([{ version: '20250101000001', dirty: false }]);
  // Advisory locks are per database; runners of other test files hold the same key in their own databases.
  expect(await query(db.url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ((classid::bigint << 32) | objid::bigint) = ${ADVISORY_LOCK_KEY}`)).toEqual([]);
  // The next run applies the migration from the start.
  await dir.write('20250101000002_slow.up.sql', 'CREATE TABLE partial (id int);\nINSERT INTO partial VALUES (1);\nCREATE TABLE never (id int);\n');
  const next = await migrateUp({ url: db.url, dir: dir.dir });
  expect(next.applied.map((a) => a.version)).toEqual(['20250101000002']);
  expect(await query(db.url, 'SELECT count(*)::int AS n FROM partial')).toEqual([{ n: 1 }]);
});
