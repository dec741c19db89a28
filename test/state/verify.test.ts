/** strata verify and strata drift on real PostgreSQL, through the engine façade. */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ServerTarget } from '../../src/cluster/index.js';
import { migrateUp } from '../../src/runner/index.js';
import { detectDrift, verifyMigrations } from '../../src/verify/index.js';
import { testServer } from '../helpers/server.js';
import { query, scratch, tempDir } from '../runner/helpers.js';

const SCHEMA = `CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
CREATE FUNCTION account_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM accounts';
CREATE VIEW account_names AS SELECT name FROM accounts;
`;
const TABLE_ONLY = 'CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);\n';

let server: ServerTarget;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  server = { adminUrl: (await testServer()).url(), external: true };
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function project(migrations: Record<string, string>) {
  const d = await tempDir({});
  cleanups.push(d.remove);
  await mkdir(path.join(d.dir, 'schema'));
  await mkdir(path.join(d.dir, 'migrations'));
  await d.write('schema/app.sql', SCHEMA);
  for (const [n, t] of Object.entries(migrations)) await d.write(`migrations/${n}`, t);
  return { dir: path.join(d.dir, 'migrations'), schemaDir: path.join(d.dir, 'schema') };
}

it('verify passes when the migrations build exactly the desired state', async () => {
  const p = await project({ '20250101000001_all.up.sql': SCHEMA, '20250101000001_all.down.sql': 'DROP VIEW account_names; DROP FUNCTION account_count(); DROP TABLE accounts;' });
  const r = await verifyMigrations({ server, ...p });
  expect(r.differences).toEqual([]);
  expect(r.missingSql.trim()).toBe('');
});

it('verify lists every object the migrations miss, and the SQL that completes them', async () => {
  const p = await project({ '20250101000001_table.up.sql': TABLE_ONLY });
  const r = await verifyMigrations({ server, ...p });
  const missing = r.differences.filter((d) => d.kind === 'missing').map((d) => d.id);
  expect(missing).toContain('function:public.account_count()');
  expect(missing).toContain('view:public.account_names');
  expect(r.differences.filter((d) => d.kind !== 'missing' && !d.id.startsWith('privilege:'))).toEqual([]);
  expect(r.missingSql).toMatch(/CREATE VIEW public\.account_names/);
  expect(r.missingSql).toMatch(/FUNCTION public\.account_count\(\)/);
});

it('drift compares a live database with its applied migrations and the desired state', async () => {
  const p = await project({
    '20250101000001_table.up.sql': TABLE_ONLY,
    '20250101000002_rest.up.sql': SCHEMA.split('\n').slice(1).join('\n'),
  });
  const db = await scratch();
  cleanups.push(db.drop);
  await migrateUp({ url: db.url, dir: p.dir, to: '20250101000001' });
  // In step with its applied migrations; behind the desired state by the pending one.
  let r = await detectDrift({ server, url: db.url, ...p });
  expect(r.appliedVersion).toBe('20250101000001');
  expect(r.comparisons.map((c) => [c.against, c.differences.length > 0])).toEqual([['migrations', false], ['desired', true]]);
  // A hand-made change is drift from both.
  await query(db.url, 'ALTER TABLE accounts ADD COLUMN note text; CREATE INDEX accounts_name_idx ON accounts (name)');
  r = await detectDrift({ server, url: db.url, ...p });
  expect(r.drift).toBe(true);
  const fromMigrations = r.comparisons.find((c) => c.against === 'migrations')!;
  expect(fromMigrations.differences.map((d) => `${d.kind} ${d.id}`).sort()).toEqual(['extra column:public.accounts.note', 'extra index:public.accounts_name_idx']);
  expect(fromMigrations.reconcileSql).toMatch(/DROP INDEX public\.accounts_name_idx/);
  expect(fromMigrations.reconcileSql).toMatch(/DROP COLUMN note/);
  // Applying the reconciling SQL removes the drift.
  await query(db.url, fromMigrations.reconcileSql);
  r = await detectDrift({ server, url: db.url, ...p });
  expect(r.comparisons.find((c) => c.against === 'migrations')!.differences).toEqual([]);
});
