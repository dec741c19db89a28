/**
 * Secrets end to end through the CLI: `strata diff` plans and proves a user mapping
 * whose password is in schema/ and never prints or writes it (text, --json, files);
 * `strata migrate up` refuses until the secret is given, names it, then puts the
 * given value in the catalog without printing it; down and up again take it from the
 * environment. A postgres_fdw foreign table over a loopback server reads the rows of
 * a real table before, between and after.
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { queryOnce } from '../../src/db/connect.js';
import { testServer, type ScratchDb } from '../helpers/server.js';

const SECRET_IN_SCHEMA = 'schema-pw-do-not-print';
const REAL_SECRET = "apply-time 's3cr3t\\ value";
const NAME = 'STRATA_SECRET_LOOP_POSTGRES_PASSWORD';

let dir: string;
let url: string;
let target: ScratchDb;
let target2: ScratchDb;
let source: ScratchDb;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-secrets-'));
  const server = await testServer();
  url = server.url();
  [target, target2, source] = await Promise.all([
    server.scratch({ prefix: 'strata_sec_target' }),
    server.scratch({ prefix: 'strata_sec_target2' }),
    server.scratch({ prefix: 'strata_sec_src' }),
  ]);
  await queryOnce(source.url, `CREATE TABLE src (id int PRIMARY KEY, v text); INSERT INTO src SELECT g, 'row ' || g FROM generate_series(1, 25) g`);
});
afterAll(async () => {
  delete process.env[NAME];
  await Promise.all([target?.drop(), target2?.drop(), source?.drop()]);
  await rm(dir, { recursive: true, force: true });
});

async function strata(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), cwd, isTTY: false });
  return { code, out, err };
}

describe('secrets of user mappings', () => {
  it('are placeholders in plans and files, supplied at apply time, never printed', async () => {
    const u = new URL(source.url);
    const project = path.join(dir, 'project');
    await mkdir(path.join(project, 'schema'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{}');
    await writeFile(
      path.join(project, 'schema', 'remote.sql'),
      `CREATE EXTENSION postgres_fdw;
CREATE SERVER loop FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${u.hostname}', port '${u.port}', dbname '${u.pathname.slice(1)}');
CREATE USER MAPPING FOR postgres SERVER loop OPTIONS (user 'postgres', password '${SECRET_IN_SCHEMA}');
CREATE FOREIGN TABLE remote_src (id int OPTIONS (column_name 'id') NOT NULL, v text) SERVER loop OPTIONS (table_name 'src');
`,
    );
    const json = await strata(['diff', '--json', '--database-url', url], project);
    expect(json.code).toBe(0);
    expect(json.out + json.err).not.toContain(SECRET_IN_SCHEMA);
    expect(json.out).toContain(`'\${${NAME}}'`);

    const diff = await strata(['diff', 'remote', '--database-url', url], project);
    expect(diff.code, diff.err).toBe(0);
    expect(diff.out + diff.err).not.toContain(SECRET_IN_SCHEMA);
    expect(diff.out).toContain(`CREATE USER MAPPING FOR postgres SERVER loop OPTIONS (password '\${${NAME}}', user 'postgres');`);
    expect(diff.out).toContain(`-- secret(s) supplied at apply time: ${NAME}`);
    for (const f of await readdir(path.join(project, 'migrations'))) {
      expect(await readFile(path.join(project, 'migrations', f), 'utf8')).not.toContain(SECRET_IN_SCHEMA);
    }

    const on = ['--database-url', target.url];
    const refused = await strata(['migrate', 'up', ...on], project);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(`secret ${NAME} not given`);
    expect(refused.err).toContain('nothing was applied');
    expect(await queryOnce(target.url, `SELECT 1 FROM pg_extension WHERE extname = 'postgres_fdw'`)).toEqual([]);

    const up = await strata(['migrate', 'up', ...on, '--secret', `${NAME}=${REAL_SECRET}`], project);
    expect(up.code, up.err).toBe(0);
    expect(up.out + up.err).not.toContain('s3cr3t');
    const [m] = await queryOnce<{ umoptions: string[] }>(target.url, `SELECT umoptions FROM pg_user_mapping`);
    expect(m!.umoptions).toContain(`password=${REAL_SECRET}`);
    // The mapping works: the foreign table reads the rows of the real table.
    const [n] = await queryOnce<{ n: string }>(target.url, 'SELECT count(*) AS n FROM remote_src');
    expect(Number(n!.n)).toBe(25);

    // verify and drift compare no secret values: the applied state matches schema/ although the passwords differ.
    const verify = await strata(['verify', ...on], project);
    expect(verify.out + verify.err).not.toContain('s3cr3t');
    expect(verify.out + verify.err).not.toContain(SECRET_IN_SCHEMA);

    const down = await strata(['migrate', 'down', ...on], project);
    expect(down.code, down.err).toBe(0);
    process.env[NAME] = 'from-the-environment';
    const again = await strata(['migrate', 'up', ...on], project);
    expect(again.code, again.err).toBe(0);
    const [m2] = await queryOnce<{ umoptions: string[] }>(target.url, `SELECT umoptions FROM pg_user_mapping`);
    expect(m2!.umoptions).toContain('password=from-the-environment');
  });

  it('subscriptions: created without connecting, the connection secret filled at apply time and dropped without connecting', async () => {
    const project = path.join(dir, 'subs');
    await mkdir(path.join(project, 'schema'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{}');
    await writeFile(
      path.join(project, 'schema', 'sub.sql'),
      `CREATE SUBSCRIPTION feed CONNECTION 'host=192.0.2.1 port=5432 dbname=pub user=rep password=${SECRET_IN_SCHEMA}' PUBLICATION p1 WITH (connect = false);\n`,
    );
    const diff = await strata(['diff', 'feed', '--database-url', url], project);
    expect(diff.code, diff.err).toBe(0);
    expect(diff.out + diff.err).not.toContain(SECRET_IN_SCHEMA);
    expect(diff.out).toContain(
      "CREATE SUBSCRIPTION feed CONNECTION 'dbname=pub host=192.0.2.1 password=${STRATA_SECRET_FEED_PASSWORD} port=5432 user=rep' PUBLICATION p1 WITH (connect = false, enabled = false, create_slot = false, slot_name = 'feed'",
    );
    const on = ['--database-url', target2.url];
    const refused = await strata(['migrate', 'up', ...on], project);
    expect(refused.err).toContain('secret STRATA_SECRET_FEED_PASSWORD not given');
    const up = await strata(['migrate', 'up', ...on, '--secret', `FEED_PASSWORD=${REAL_SECRET}`], project);
    expect(up.code, up.err).toBe(0);
    expect(up.out + up.err).not.toContain('s3cr3t');
    const [s] = await queryOnce<{ subconninfo: string; subenabled: boolean }>(target2.url, `SELECT subconninfo, subenabled FROM pg_subscription WHERE subname = 'feed'`);
    expect(s!.subenabled).toBe(false);
    const { parseConninfo } = await import('../../src/core/secrets.js');
    expect(parseConninfo(s!.subconninfo)).toContainEqual(['password', REAL_SECRET]);
    const down = await strata(['migrate', 'down', ...on], project);
    expect(down.code, down.err).toBe(0);
    expect(await queryOnce(target2.url, `SELECT 1 FROM pg_subscription WHERE subname = 'feed'`)).toEqual([]);
  });
});
