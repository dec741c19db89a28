/**
 * `strata pool config` and `strata pool userlist` through the CLI: a new project gets its
 * files, --check fails once they are edited, and the auth_file lists exactly the login roles
 * that are members of the application roles (never a superuser), with their SCRAM secrets.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { queryOnce } from '../../src/db/connect.js';
import { testServer } from '../helpers/server.js';

let dir: string;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const roles = [`pool_web_${suffix}`, `pool_report_${suffix}`];
const member = `pool_login_${suffix}`;
const outsider = `pool_outsider_${suffix}`;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd: dir, isTTY: false, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-pool-cli-'));
  await writeFile(
    path.join(dir, 'strata.config.json'),
    JSON.stringify({ tenancy: { column: 'tenant_id', roles, settings: { tenant: 'app.tenant' } }, pool: { out: 'deploy/pool', database: 'shop' } }),
  );
});

afterAll(async () => {
  const url = (await testServer()).url();
  for (const r of [member, outsider, ...roles]) await queryOnce(url, `DROP ROLE IF EXISTS ${r}`).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('strata pool', () => {
  it('config writes the files to pool.out; --check passes, then fails with exit 1 once a file is edited', async () => {
    const w = await run(['pool', 'config']);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(/3 pool files in .*deploy\/pool; 3 changed/);
    const ini = await readFile(path.join(dir, 'deploy/pool/pgbouncer.ini'), 'utf8');
    expect(ini).toMatch(/^shop = host=localhost port=5432 dbname=shop$/m);
    expect((await run(['pool', 'config', '--check'])).code).toBe(0);
    await writeFile(path.join(dir, 'deploy/pool/pgbouncer.ini'), ini.replace('pool_mode = transaction', 'pool_mode = session'));
    const c = await run(['pool', 'config', '--check']);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/deploy\/pool\/pgbouncer\.ini is stale/);
  });

  it('userlist lists the login members of the application roles with SCRAM secrets, not superusers or outsiders', async () => {
    const server = await testServer();
    const url = server.url();
    await queryOnce(url, [
      ...roles.map((r) => `CREATE ROLE ${r} NOLOGIN`),
      `SET password_encryption = 'scram-sha-256'`,
      `CREATE ROLE ${member} LOGIN PASSWORD 'secret-1'`,
      `CREATE ROLE ${outsider} LOGIN PASSWORD 'secret-2'`,
      `GRANT ${roles[1]} TO ${member}`,
    ].join(';\n'));
    const file = path.join(dir, 'userlist.txt');
    const r = await run(['pool', 'userlist', '--database-url', url, '--out', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(new RegExp(`^"${member}" "SCRAM-SHA-256\\$4096:[^"]+"\\n$`));
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A member without a password is reported and left out; with nobody left the exit code is 1.
    await queryOnce(url, `ALTER ROLE ${member} PASSWORD NULL`);
    const none = await run(['pool', 'userlist', '--database-url', url]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(new RegExp(`warning: login role ${member} is a member of an application role but has no password`));
  });
});
