/**
 * Scratch databases are always dropped: after success, after an error, after a
 * failing process and after Ctrl-C. And DATABASE_URL mode: commands use the
 * given server, scratch databases there carry strata's prefix.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { dropLeftoverScratch, resolveServer, SCRATCH_PREFIX, withScratchDatabase, type ServerTarget } from '../../src/cluster/index.js';
import { queryOnce } from '../../src/db/connect.js';
import { testServer } from '../helpers/server.js';
import { databaseExists, envWithout, runNode, strata, TS_NODE_ARGS } from './helpers.js';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'scratch-child.ts');
let server: ServerTarget;

beforeAll(async () => {
  server = (await testServer()).target;
});

describe('withScratchDatabase', () => {
  test('hands out an empty database cloned from template0 and drops it afterwards', async () => {
    const name = await withScratchDatabase(server, { label: 'fnd ok' }, async (url, dbName) => {
      const rows = await queryOnce<{ d: string; n: string }>(
        url,
        `SELECT current_database() AS d, (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace) AS n`,
      );
      expect(rows[0]).toEqual({ d: dbName, n: '0' });
      expect(await databaseExists(server.adminUrl, dbName)).toBe(true);
      return dbName;
    });
    expect(name.startsWith(`${SCRATCH_PREFIX}fnd_ok_${process.pid}_`)).toBe(true);
    expect(await databaseExists(server.adminUrl, name)).toBe(false);
  });

  test('on the embedded cluster reached by URL (as --database-url and DATABASE_URL do), clones into its memory tablespace', async () => {
    if (server.external) {
      console.log('not checked: the test server is not the embedded cluster (DATABASE_URL is set), so it has no memory tablespace');
      return;
    }
    const byUrl = await resolveServer({ cwd: process.cwd(), databaseUrl: server.adminUrl });
    expect(byUrl.external).toBe(true);
    const where = await withScratchDatabase(byUrl, { label: 'fnd url' }, async (_url, dbName) => {
      const rows = await queryOnce<{ spc: string }>(
        server.adminUrl,
        `SELECT t.spcname AS spc FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace WHERE d.datname = $1`,
        [dbName],
      );
      return rows[0]?.spc;
    });
    expect(where).toBe('strata_scratch');
  });

  test('drops the database when the work throws, and rethrows that error', async () => {
    let seen = '';
    await expect(
      withScratchDatabase(server, { label: 'fnd_err' }, async (url, name) => {
        seen = name;
        await queryOnce(url, 'SELECT * FROM no_such_table');
      }),
    ).rejects.toMatchObject({ code: '42P01' });
    expect(seen).not.toBe('');
    expect(await databaseExists(server.adminUrl, seen)).toBe(false);
  });

  test('a failing process leaves no scratch database behind', async () => {
    const r = await runNode([...TS_NODE_ARGS, CHILD, server.adminUrl, 'fail']);
    const name = r.stdout.trim();
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('deliberate failure');
    expect(name.startsWith(SCRATCH_PREFIX)).toBe(true);
    expect(await databaseExists(server.adminUrl, name)).toBe(false);
  });

  test('Ctrl-C (SIGINT) leaves no scratch database behind', async () => {
    let sent = false;
    const r = await runNode([...TS_NODE_ARGS, CHILD, server.adminUrl, 'hang'], {
      onStdout: (text, child) => {
        if (!sent && text.endsWith('\n')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    const name = r.stdout.trim();
    expect(sent).toBe(true);
    expect(r.signal).toBe('SIGINT');
    expect(await databaseExists(server.adminUrl, name)).toBe(false);
  });

  test('db clean drops leftovers of dead processes and keeps databases in use', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const orphan = `${SCRATCH_PREFIX}fnd_orphan_${dead.stdout}_0123abcd`;
    await queryOnce(server.adminUrl, `CREATE DATABASE "${orphan}"`);
    await withScratchDatabase(server, { label: 'fnd_live' }, async (_url, live) => {
      const result = await dropLeftoverScratch(server);
      expect(result.find((r) => r.name === orphan)?.dropped).toBe(true);
      expect(result.find((r) => r.name === live)?.dropped).toBe(false);
      expect(await databaseExists(server.adminUrl, orphan)).toBe(false);
      expect(await databaseExists(server.adminUrl, live)).toBe(true);
    });
  });
});

describe('DATABASE_URL mode', () => {
  test('resolveServer takes --database-url over DATABASE_URL and marks it external', async () => {
    const t = await resolveServer({ cwd: os.tmpdir(), databaseUrl: server.adminUrl });
    expect(t).toEqual({ adminUrl: server.adminUrl, external: true });
    await expect(resolveServer({ cwd: os.tmpdir(), databaseUrl: 'mysql://x@y/z' })).rejects.toMatchObject({ exitCode: 2 });
  });

  test('commands use the given server and never create an embedded cluster', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-ext-'));
    const env = envWithout({ DATABASE_URL: server.adminUrl });
    const url = await strata(['db', 'url'], env, project);
    expect(url.code).toBe(0);
    expect(url.stdout.trim()).toBe(server.adminUrl);

    const status = await strata(['db', 'status', '--json'], env, project);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ external: true, reachable: true });

    const flag = await strata(['db', 'url', '--database-url', server.adminUrl, '--database', 'other'], envWithout(), project);
    expect(flag.stdout.trim()).toBe(server.adminUrl.replace(/\/postgres$/, '/other'));

    const stop = await strata(['db', 'stop'], env, project);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toMatch(/^error: .*DATABASE_URL/);
    expect(await readdir(project)).toEqual([]);
  });

  test('an unreachable server is one error line with a hint, exit 1', async () => {
    const r = await strata(['db', 'clean', '--database-url', 'postgres://postgres@127.0.0.1:1/postgres'], envWithout());
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: cannot reach the database server/);
    expect(lines[1]).toMatch(/^hint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
