/**
 * The project's reference schema (schema/) round-trips through the engine:
 * empty → schema with the up script gives the schema's own snapshot, and the
 * down script gives back the empty database.
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

it('empty → schema/ → empty', async () => {
  const server = await testServer();
  const target = { adminUrl: server.url(), external: true };
  const db = await server.scratch({ prefix: 'strata_eng' });
  dbs.push(db);
  const [empty, desired] = await Promise.all([snapshotDatabase(db.url), loadSnapshot({ kind: 'schemaDir', dir: path.join(root, 'schema') }, target)]);
  const plan = diffSnapshots(empty, desired);
  expect(plan.steps.length).toBeGreaterThan(50);
  await execOnce(db.url, plan.up);
  expect(compareSnapshots(await snapshotDatabase(db.url), desired)).toEqual([]);
  expect(diffSnapshots(await snapshotDatabase(db.url), desired).up).toBe('');
  await execOnce(db.url, plan.down);
  expect(compareSnapshots(await snapshotDatabase(db.url), empty)).toEqual([]);
}, 120_000);
