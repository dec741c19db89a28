/**
 * The embedded cluster's life cycle on a throwaway cluster directory (not the
 * shared test cluster, which these tests stop and kill).
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { clusterPaths, clusterStatus, initdbCacheDir, removeCluster, startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { resolveBinaries } from '../../src/cluster/binaries.js';
import { withScratchDatabase } from '../../src/cluster/index.js';
import { SCRATCH_TABLESPACE, tablespaceDir } from '../../src/cluster/tablespace.js';
import { pidAlive } from '../../src/cluster/lock.js';
import { queryOnce } from '../../src/db/connect.js';
import { PROJECT_ROOT } from '../helpers/server.js';
import { envWithout, strata } from './helpers.js';

let dir: string;
/** A private initdb cache: the first cluster here runs initdb and fills it, the later ones copy it. */
let cacheDir: string;
const savedCache = process.env.STRATA_CACHE_DIR;
const opts = () => ({ cwd: PROJECT_ROOT, dir });

async function waitGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(pidAlive(pid)).toBe(false);
}

async function selectOne(url: string): Promise<number> {
  const rows = await queryOnce<{ one: number }>(url, 'SELECT 1 AS one');
  return rows[0]!.one;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-cluster-'));
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-cache-'));
  process.env.STRATA_CACHE_DIR = cacheDir;
});

afterAll(async () => {
  await removeCluster(opts());
  if (savedCache === undefined) delete process.env.STRATA_CACHE_DIR;
  else process.env.STRATA_CACHE_DIR = savedCache;
  await rm(cacheDir, { recursive: true, force: true });
});

describe('embedded cluster', () => {
  test('keeps its pristine initdb under STRATA_CACHE_DIR, XDG_CACHE_HOME or ~/.cache, per binaries; STRATA_INITDB_CACHE=0 turns it off', () => {
    const bins = resolveBinaries(PROJECT_ROOT);
    const here = initdbCacheDir(bins, undefined, { STRATA_CACHE_DIR: '/c' })!;
    expect(here).toMatch(/^\/c\/initdb\/18\.[\d.]+-[0-9a-f]{16}$/);
    expect(initdbCacheDir(bins, undefined, { XDG_CACHE_HOME: '/x' })).toBe(here.replace('/c/', '/x/strata/'));
    expect(initdbCacheDir(bins, undefined, {})).toBe(path.join(os.homedir(), '.cache', 'strata', here.slice('/c/'.length)));
    expect(initdbCacheDir(bins, { name: 'other', uid: 4242, gid: 4242 }, { STRATA_CACHE_DIR: '/c' })).not.toBe(here);
    expect(initdbCacheDir(bins, undefined, { STRATA_CACHE_DIR: '/c', STRATA_INITDB_CACHE: '0' })).toBeUndefined();
  });

  test('starts on first use, is reused, stops, and restarts on the same port', async () => {
    const first = await startCluster(opts());
    expect(first).toMatchObject({ state: 'running', started: true, initialised: true, initdbCopied: false, major: 18 });
    expect(await selectOne(first.url!)).toBe(1);

    const again = await startCluster(opts());
    expect(again.started).toBe(false);
    expect(again.pid).toBe(first.pid);
    expect(again.url).toBe(first.url);
    expect(clusterStatus(clusterPaths(PROJECT_ROOT, dir)).state).toBe('running');

    const stopped = await stopCluster(opts());
    expect(stopped.stopped).toBe(true);
    await waitGone(first.pid!);
    expect(clusterStatus(clusterPaths(PROJECT_ROOT, dir)).state).toBe('stopped');
    expect((await stopCluster(opts())).stopped).toBe(false);

    const restarted = await startCluster(opts());
    expect(restarted).toMatchObject({ started: true, initialised: false, port: first.port });
    expect(await selectOne(restarted.url!)).toBe(1);
  });

  test('two concurrent starts share one server', async () => {
    await stopCluster(opts());
    const [a, b] = await Promise.all([startCluster(opts()), startCluster(opts())]);
    expect(a.pid).toBe(b.pid);
    expect([a.started, b.started].filter(Boolean)).toHaveLength(1);
  });

  test('runs the server as an unprivileged user when started as root', async (ctx) => {
    if (process.getuid?.() !== 0) {
      console.log('not root: the server runs as the current user, nothing to check');
      ctx.skip();
    }
    const st = await startCluster(opts());
    const status = await readFile(`/proc/${st.pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
    expect(uid).not.toBe(0);
  });

  test('recovers after kill -9 of the postmaster, keeping its data', async () => {
    const st = await startCluster(opts());
    await queryOnce(st.url!, 'CREATE DATABASE strata_fnd_survivor');
    process.kill(st.pid!, 'SIGKILL');
    await waitGone(st.pid!);
    expect(clusterStatus(clusterPaths(PROJECT_ROOT, dir)).state).toBe('stopped');

    const back = await startCluster(opts());
    expect(back.started).toBe(true);
    expect(back.pid).not.toBe(st.pid);
    const rows = await queryOnce(back.url!, `SELECT 1 FROM pg_database WHERE datname = 'strata_fnd_survivor'`);
    expect(rows).toHaveLength(1);
    await queryOnce(back.url!, 'DROP DATABASE strata_fnd_survivor');
  });

  test('takes over a lock left by a dead process', async () => {
    await stopCluster(opts());
    // A pid that certainly is not running any more: a child that already exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    expect(pidAlive(deadPid)).toBe(false);
    await writeFile(clusterPaths(PROJECT_ROOT, dir).lock, String(deadPid));
    const st = await startCluster(opts());
    expect(st.started).toBe(true);
    expect(await selectOne(st.url!)).toBe(1);
  });

  test('moves to a free port when its port was taken while it was stopped', async () => {
    const before = await startCluster(opts());
    await stopCluster(opts());
    await waitGone(before.pid!);
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(before.port, '127.0.0.1', resolve));
    try {
      const after = await startCluster(opts());
      expect(after.started).toBe(true);
      expect(after.port).not.toBe(before.port);
      expect(await selectOne(after.url!)).toBe(1);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  test('concurrent `strata db start` processes start one server and agree on its URL', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-race-'));
    const env = envWithout({ STRATA_CLUSTER_DIR: other });
    try {
      const runs = await Promise.all([1, 2, 3].map(() => strata(['db', 'start', '--json'], env)));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      const outs = runs.map((r) => JSON.parse(r.stdout) as { url: string; pid: number; started: boolean; initdbCopied: boolean });
      expect(new Set(outs.map((o) => o.url)).size).toBe(1);
      expect(new Set(outs.map((o) => o.pid)).size).toBe(1);
      expect(outs.filter((o) => o.started)).toHaveLength(1);
      // The first cluster of this file filled the initdb cache: this fresh one is a copy of it.
      expect(outs.find((o) => o.started)!.initdbCopied).toBe(true);
      expect(await selectOne(outs[0]!.url)).toBe(1);
    } finally {
      await removeCluster({ cwd: PROJECT_ROOT, dir: other });
      await rm(other, { recursive: true, force: true });
    }
  });

  test('as root, starts inside a directory only root may enter (mktemp -d is mode 700)', async (ctx) => {
    if (process.getuid?.() !== 0) {
      console.log('not root: the server runs as the current user, who can enter its own directories');
      ctx.skip();
    }
    const outer = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-private-'));
    const inner = path.join(outer, 'project', '.strata', 'pg');
    await mkdir(inner, { recursive: true });
    await chmod(outer, 0o700);
    try {
      const st = await startCluster({ cwd: PROJECT_ROOT, dir: inner });
      expect(st.started).toBe(true);
      expect(await selectOne(st.url!)).toBe(1);
      // A copy of the cached initdb, owned by the server user like initdb's own output, tuned once.
      expect(st.initdbCopied).toBe(true);
      const owner = (await stat(path.join(inner, 'data', 'PG_VERSION'))).uid;
      expect(owner).toBe((await stat(path.join(dir, 'data', 'PG_VERSION'))).uid);
      expect((await readFile(path.join(inner, 'data', 'postgresql.conf'), 'utf8')).split('# --- strata dev cluster ---')).toHaveLength(2);
    } finally {
      await removeCluster({ cwd: PROJECT_ROOT, dir: inner });
      await rm(outer, { recursive: true, force: true });
    }
  });

  test('scratch databases live in memory; a vanished memory directory is restored on start, or bypassed while running', async (ctx) => {
    if (!existsSync('/dev/shm')) {
      console.log('no /dev/shm here: scratch databases stay on disk');
      ctx.skip();
    }
    const spaceOf = (url: string, name: string) =>
      queryOnce<{ t: string }>(url, 'SELECT t.spcname AS t FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace WHERE d.datname = $1', [name]).then((r) => r[0]?.t);
    let st = await startCluster(opts());
    const server = { adminUrl: st.url!, external: false };
    expect(await withScratchDatabase(server, { label: 'fnd_mem' }, async (_u, name) => spaceOf(st.url!, name))).toBe(SCRATCH_TABLESPACE);

    // A reboot empties /dev/shm while the catalog still names the tablespace.
    await stopCluster(opts());
    await rm(tablespaceDir(clusterPaths(PROJECT_ROOT, dir).root), { recursive: true, force: true });
    st = await startCluster(opts());
    expect(await withScratchDatabase({ adminUrl: st.url!, external: false }, { label: 'fnd_mem' }, async (_u, name) => spaceOf(st.url!, name))).toBe(SCRATCH_TABLESPACE);

    // Emptied under a running server: the scratch database goes to disk instead of failing.
    await rm(tablespaceDir(clusterPaths(PROJECT_ROOT, dir).root), { recursive: true, force: true });
    expect(await withScratchDatabase({ adminUrl: st.url!, external: false }, { label: 'fnd_mem' }, async (_u, name) => spaceOf(st.url!, name))).toBe('pg_default');
    await stopCluster(opts());
  });

  test('`strata db stop --remove` stops the cluster and deletes its data and memory tablespace', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'strata-fnd-remove-'));
    const env = envWithout({ STRATA_CLUSTER_DIR: other });
    const start = await strata(['db', 'start'], env);
    expect(start.code, start.stderr).toBe(0);
    const r = await strata(['db', 'stop', '--remove', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ stopped: true, removed: true });
    expect(existsSync(other)).toBe(false);
    expect(existsSync(tablespaceDir(other))).toBe(false);
  });
});
