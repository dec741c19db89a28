/**
 * A real command that fails after creating scratch databases leaves none behind.
 * `strata diff --from a.sql --to b.sql` loads each file into a scratch database;
 * b.sql fails on the server (SQLSTATE 42P01), so the error itself proves a
 * scratch database existed when it failed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { queryOnce } from '../../src/db/connect.js';
import { testServer } from '../helpers/server.js';
import { envWithout, strata } from './helpers.js';

test('strata diff failing on the server exits 1 with file:line and drops its scratch databases', async () => {
  const server = await testServer();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-fail-'));
  await writeFile(path.join(dir, 'a.sql'), 'CREATE TABLE a (id int PRIMARY KEY);\n');
  await writeFile(path.join(dir, 'b.sql'), 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (a_id int REFERENCES missing (id));\n');

  const r = await strata(['diff', '--from', 'a.sql', '--to', 'b.sql', '--database-url', server.url()], envWithout(), dir);
  expect(r.code).toBe(1);
  const first = r.stderr.split('\n')[0]!;
  expect(first).toMatch(/b\.sql:2:\d+: error: .*missing.*SQLSTATE 42P01/);
  expect(r.stderr).not.toMatch(/\n\s+at /);

  const left = await queryOnce(server.url(), `SELECT datname FROM pg_database WHERE datname LIKE $1`, [`%\\_${r.pid}\\_%`]);
  expect(left).toEqual([]);
});
