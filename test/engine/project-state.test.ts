/**
 * The committed generated files of this repository are current: migrations/
 * builds exactly what schema/ describes (owners included, as the migrations are
 * written with --include-ownership), and migrations/atlas.sum matches the files.
 * A schema edit without `make diff NAME=...`, or a hand edit of a migration,
 * fails here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { compareSnapshots } from '../../src/engine/index.js';
import { buildSnapshot as loadSnapshot } from '../../src/state/index.js';
import { checkAtlasSum } from '../../src/migrations/index.js';
import { testServer } from '../helpers/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

it('migrations/ builds what schema/ describes', async () => {
  const server = await testServer();
  const target = { adminUrl: server.url(), external: true };
  const [built, desired] = await Promise.all([
    loadSnapshot({ kind: 'migrationsDir', dir: path.join(root, 'migrations') }, target),
    loadSnapshot({ kind: 'schemaDir', dir: path.join(root, 'schema') }, target),
  ]);
  expect(compareSnapshots(built, desired, { includeOwnership: true })).toEqual([]);
});

it('migrations/atlas.sum matches the migration files', async () => {
  await expect(checkAtlasSum(path.join(root, 'migrations'))).resolves.toBeUndefined();
});
