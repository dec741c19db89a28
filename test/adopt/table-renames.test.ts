/**
 * Table rename hints (`-- @renamed from=old` on the CREATE TABLE line): the table is
 * renamed, not dropped and created; its rows, indexes, constraints, triggers, policies
 * and grants stay, and what refers to it (foreign keys, views) follows, in up and down.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { execOnce, queryOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { buildSnapshot, snapshotDatabase } from '../../src/state/index.js';
import { expectInOrder, scratchBuilder } from '../engine/harness.js';
import { testServer } from '../helpers/server.js';

const build = scratchBuilder('strata_tren');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const COMMON = `
CREATE ROLE strata_adopt_rename_reader NOLOGIN;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;

const OLD = `${COMMON}
CREATE TABLE users (
  id bigint CONSTRAINT users_pkey PRIMARY KEY,
  username text NOT NULL CONSTRAINT users_username_key UNIQUE,
  age integer CONSTRAINT users_age_check CHECK (age >= 0)
);
CREATE INDEX users_lower_username ON users (lower(username));
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_adults ON users FOR SELECT TO strata_adopt_rename_reader USING (age >= 18);
GRANT SELECT ON users TO strata_adopt_rename_reader;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint CONSTRAINT orders_user_fk REFERENCES users (id));
CREATE VIEW adults AS SELECT id, username FROM users WHERE age >= 18;
INSERT INTO users VALUES (1, 'ada', 36);
INSERT INTO orders VALUES (10, 1);`;

const NEW = `${COMMON}
CREATE TABLE people ( -- @renamed from=users
  id bigint CONSTRAINT users_pkey PRIMARY KEY,
  user_name text NOT NULL CONSTRAINT users_username_key UNIQUE, -- @renamed from=username
  age integer CONSTRAINT users_age_check CHECK (age >= 0)
);
CREATE INDEX users_lower_username ON people (lower(user_name));
CREATE TRIGGER users_touch BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_adults ON people FOR SELECT TO strata_adopt_rename_reader USING (age >= 18);
GRANT SELECT ON people TO strata_adopt_rename_reader;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint CONSTRAINT orders_user_fk REFERENCES people (id));
CREATE VIEW adults AS SELECT id, user_name FROM people WHERE age >= 18;`;

it('renames a hinted table with its column, keeps the rows, and round-trips up and down', async () => {
  const server = await testServer();
  const target = { adminUrl: server.url(), external: true };
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-table-renames-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'old.sql'), OLD);
  await writeFile(path.join(dir, 'new.sql'), NEW);
  const [a, b] = await Promise.all([
    buildSnapshot({ kind: 'sqlFile', file: path.join(dir, 'old.sql') }, target),
    buildSnapshot({ kind: 'sqlFile', file: path.join(dir, 'new.sql') }, target),
  ]);
  expect(b.renames).toEqual([
    { kind: 'table', schema: 'public', table: 'people', from: 'users', to: 'people' },
    { schema: 'public', table: 'people', from: 'username', to: 'user_name' },
  ]);
  const plan = diffSnapshots(a, b);
  expectInOrder(plan.up, ['ALTER TABLE public.users RENAME TO people;', 'ALTER TABLE public.people RENAME COLUMN username TO user_name;']);
  expect(plan.up).not.toMatch(/DROP TABLE|CREATE TABLE|DROP CONSTRAINT|DROP POLICY|DROP TRIGGER|DROP INDEX|GRANT|COLUMN (DROP|ADD)/);
  expectInOrder(plan.down, ['ALTER TABLE public.people RENAME TO users;', 'ALTER TABLE public.users RENAME COLUMN user_name TO username;']);
  expect(plan.down).not.toMatch(/DROP TABLE|CREATE TABLE|DROP CONSTRAINT|DROP POLICY|DROP TRIGGER|DROP INDEX|GRANT/);

  const oldDb = await build(OLD, 'old');
  await execOnce(oldDb.url, plan.up);
  expect(compareSnapshots(await snapshotDatabase(oldDb.url), b)).toEqual([]);
  expect(await queryOnce(oldDb.url, 'SELECT p.user_name, o.id AS order_id FROM people p JOIN orders o ON o.user_id = p.id')).toEqual([
    { user_name: 'ada', order_id: '10' },
  ]);

  const newDb = await build(NEW, 'new');
  await execOnce(newDb.url, plan.down);
  expect(compareSnapshots(await snapshotDatabase(newDb.url), a)).toEqual([]);

  // Once renamed, the hint is inert.
  expect(diffSnapshots(b, b).up).toBe('');
});

it('renames a table declared on one line with a default-named primary key, keeping the rows', async () => {
  const server = await testServer();
  const target = { adminUrl: server.url(), external: true };
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-table-renames-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'old.sql'), 'CREATE TABLE items (id int PRIMARY KEY, name text);\nINSERT INTO items VALUES (1, \'x\');');
  await writeFile(path.join(dir, 'new.sql'), 'CREATE TABLE products (id int PRIMARY KEY, name text); -- @renamed from=items');
  const [a, b] = await Promise.all([
    buildSnapshot({ kind: 'sqlFile', file: path.join(dir, 'old.sql') }, target),
    buildSnapshot({ kind: 'sqlFile', file: path.join(dir, 'new.sql') }, target),
  ]);
  const plan = diffSnapshots(a, b);
  expect(plan.up).toContain('ALTER TABLE public.items RENAME TO products;');
  expect(plan.up).not.toMatch(/DROP TABLE|CREATE TABLE/);
  const db = await build('CREATE TABLE items (id int PRIMARY KEY, name text);\nINSERT INTO items VALUES (1, \'x\');', 'defaults');
  await execOnce(db.url, plan.up);
  expect(compareSnapshots(await snapshotDatabase(db.url), b)).toEqual([]);
  expect(await queryOnce(db.url, 'SELECT name FROM products')).toEqual([{ name: 'x' }]);
});
