/**
 * Roles are cluster-wide: a migration that needs roles its source state lacks
 * starts with their CREATE ROLE statements, the runner runs those idempotently,
 * and down never drops a role.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execOnce, queryOnce } from '../../src/db/connect.js';
import { diffSnapshots } from '../../src/engine/index.js';
import { buildSnapshot as loadSnapshot } from '../../src/state/index.js';
import { migrateUp, migrateDown } from '../../src/runner/index.js';
import { testServer } from '../helpers/server.js';

const role = `strata_role_t_${randomBytes(4).toString('hex')}`;
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  const server = await testServer();
  await execOnce(server.url(), `DROP ROLE IF EXISTS ${role}`);
});

describe('roles in migrations', () => {
  it('up creates the roles the new state names (idempotently), down leaves them', async () => {
    const server = await testServer();
    const target = { adminUrl: server.url(), external: true };
    const dir = await mkdtemp(path.join(tmpdir(), 'strata-roles-'));
    dirs.push(dir);
    const file = path.join(dir, 'schema.sql');
    await writeFile(file, `CREATE ROLE ${role} NOLOGIN;\nCREATE TABLE t (id int);\nGRANT SELECT ON t TO ${role};\n`);
    const to = await loadSnapshot({ kind: 'sqlFile', file }, target);
    const empty = path.join(dir, 'empty.sql');
    await writeFile(empty, '');
    const from = await loadSnapshot({ kind: 'sqlFile', file: empty }, target);
    const plan = diffSnapshots(from, to);
    const lines = plan.up.split('\n').filter((l) => l && !l.startsWith('--'));
    expect(lines[0]).toMatch(new RegExp(`^DO .*EXECUTE 'CREATE ROLE ${role} NOLOGIN'.*;$`));
    // Replaying the migration counts the guard as the role it creates: the next diff has nothing to add.
    const mfile = path.join(dir, 'replayed.sql');
    await writeFile(mfile, plan.up);
    const replayed = await loadSnapshot({ kind: 'sqlFile', file: mfile }, target);
    expect(replayed.roles).toEqual([role]);
    expect(diffSnapshots(replayed, to).up).toBe('');
    expect(plan.down).not.toMatch(/ROLE/);
    // Same state on both sides: nothing to say about roles.
    expect(diffSnapshots(to, to).up).toBe('');

    const migrations = path.join(dir, 'migrations');
    await mkdir(migrations);
    await writeFile(path.join(migrations, '20260101000000_init.up.sql'), plan.up);
    await writeFile(path.join(migrations, '20260101000000_init.down.sql'), plan.down);
    // The role exists already on this server (the shadow build created it): the runner must not fail on it,
    // on two databases in a row.
    for (let i = 0; i < 2; i++) {
      const db = await server.scratch({ prefix: 'strata_eng' });
      try {
        await migrateUp({ url: db.url, dir: migrations, appliedBy: 'test' });
        const grants = await queryOnce<{ grantee: string }>(db.url, `SELECT grantee FROM information_schema.role_table_grants WHERE table_name = 't'`);
        expect(grants.map((g) => g.grantee)).toContain(role);
        await migrateDown({ url: db.url, dir: migrations, appliedBy: 'test', steps: 1 });
        expect(await queryOnce(server.url(), `SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).toHaveLength(1);
      } finally {
        await db.drop();
      }
    }
  });
});
