/**
 * The reference schema round-trips with ownership included: its owners (set in
 * schema/990_ownership.sql) are planned with ALTER ... OWNER TO and given back.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { testServer, type ScratchDb } from '../helpers/server.js';
import { execOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { buildSnapshot as loadSnapshot, snapshotDatabase } from '../../src/state/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dbs: ScratchDb[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
});

it('empty → schema/ → empty, owners included', async () => {
  const server = await testServer();
  const target = { adminUrl: server.url(), external: true };
  const db = await server.scratch({ prefix: 'strata_e2b' });
  dbs.push(db);
  const opts = { includeOwnership: true };
  const [empty, desired] = await Promise.all([snapshotDatabase(db.url), loadSnapshot({ kind: 'schemaDir', dir: path.join(root, 'schema') }, target)]);
  expect(desired.objects.some((o) => o.kind === 'owner' && o.role === 'app_owner')).toBe(true);
  const plan = diffSnapshots(empty, desired, opts);
  expect(plan.up).toContain(' OWNER TO app_owner;');
  await execOnce(db.url, plan.up);
  expect(compareSnapshots(await snapshotDatabase(db.url), desired, opts)).toEqual([]);
  expect(diffSnapshots(await snapshotDatabase(db.url), desired, opts).up).toBe('');
  await execOnce(db.url, plan.down);
  expect(compareSnapshots(await snapshotDatabase(db.url), empty, opts)).toEqual([]);
}, 120_000);
