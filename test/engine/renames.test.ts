/**
 * Column rename hints (`-- @renamed from=old` on the column's line): the column is
 * renamed, not dropped and added, and objects over it follow, in up and in down.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { execOnce, queryOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { buildSnapshot as loadSnapshot } from '../../src/state/index.js';
import { scratchBuilder } from './harness.js';
import { testServer } from '../helpers/server.js';

const build = scratchBuilder('strata_eng');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const OLD = `CREATE TABLE users (
  id bigint PRIMARY KEY,
  username varchar(100) UNIQUE CHECK (username <> ''),
  age integer
);
CREATE INDEX users_lower_username ON users (lower(username));
CREATE VIEW adults AS SELECT id, username FROM users WHERE age >= 18;
INSERT INTO users VALUES (1, 'ada', 36);`;

const NEW = `CREATE TABLE users (
  id bigint PRIMARY KEY,
  user_name text NOT NULL UNIQUE CHECK (user_name <> ''), -- @renamed from=username
  age integer
);
CREATE INDEX users_lower_username ON users (lower(user_name));
CREATE VIEW adults AS SELECT id, user_name FROM users WHERE age >= 18;`;

it('renames a hinted column, keeps its data, and round-trips with its constraint, index and view', async () => {
  const server = await testServer();
  const target = { adminUrl: server.url(), external: true };
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-renames-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'old.sql'), OLD);
  await writeFile(path.join(dir, 'new.sql'), NEW);
  const [a, b] = await Promise.all([
    loadSnapshot({ kind: 'sqlFile', file: path.join(dir, 'old.sql') }, target),
    loadSnapshot({ kind: 'sqlFile', file: path.join(dir, 'new.sql') }, target),
  ]);
  expect(b.renames).toEqual([{ schema: 'public', table: 'users', from: 'username', to: 'user_name' }]);
  const plan = diffSnapshots(a, b);
  expect(plan.up).toContain('ALTER TABLE public.users RENAME COLUMN username TO user_name;');
  expect(plan.up).not.toMatch(/DROP COLUMN|ADD COLUMN/);
  expect(plan.down).toContain('ALTER TABLE public.users RENAME COLUMN user_name TO username;');
  expect(plan.down).not.toMatch(/DROP COLUMN|ADD COLUMN/);

  const oldDb = await build(OLD, 'old');
  await execOnce(oldDb.url, plan.up);
  expect(compareSnapshots(await oldDb.snapshot(), b)).toEqual([]);
  const kept = await queryOnce<{ user_name: string }>(oldDb.url, 'SELECT user_name FROM users');
  expect(kept).toEqual([{ user_name: 'ada' }]);

  const newDb = await build(NEW, 'new');
  await execOnce(newDb.url, plan.down);
  expect(compareSnapshots(await newDb.snapshot(), a)).toEqual([]);

  // Once renamed, the hint is inert: nothing left to do.
  expect(diffSnapshots(b, b).up).toBe('');
});
