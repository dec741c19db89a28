/**
 * initdb once per PostgreSQL bin directory per test run. The throwaway clusters of the backup,
 * PITR, replication, Atlas, TLS and key-leak tests each ran initdb (about 1.3 s of CPU, several
 * seconds of wall on a loaded machine); now the first of them in a run makes a pristine data
 * directory through src/cluster itself (its initdb and tuning; started once, its scratch
 * tablespace dropped, stopped cleanly) and every cluster starts from a copy of it.
 * Files of one run share it across the vitest workers under a file lock; the global teardown
 * removes it (`removePristine`), and a killed run's copy is swept by its pid.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../../src/cluster/binaries.js';
import { clusterPaths, startCluster, stopCluster } from '../../src/cluster/embedded.js';
import { pidAlive, withFileLock } from '../../src/cluster/lock.js';
import { removeTablespaceDir, SCRATCH_TABLESPACE } from '../../src/cluster/tablespace.js';
import { queryOnce } from '../../src/db/connect.js';
import { testRun } from './server.js';

const PREFIX = 'strata-pristine-';

/** `fn` with STRATA_PG_BIN set to `binDir` (unset: the embedded binaries), restored afterwards. */
export async function withPgBin<T>(binDir: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.STRATA_PG_BIN;
  if (binDir) process.env.STRATA_PG_BIN = binDir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.STRATA_PG_BIN;
    else process.env.STRATA_PG_BIN = saved;
  }
}

function cpA(from: string, to: string): Promise<void> {
  // cp -a keeps the server user's ownership and the 0700 mode PostgreSQL insists on.
  return new Promise((resolve, reject) => {
    const c = spawn('cp', ['-a', from, to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (b: Buffer) => (err += b.toString()));
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`cp -a ${from} ${to} failed: ${err.trim()}`))));
  });
}

async function sweepDeadRuns(): Promise<void> {
  for (const name of await readdir(os.tmpdir()).catch(() => [] as string[])) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (m && !pidAlive(Number(m[1]))) await rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The pristine cluster directory for `binDir` in this run, made on first use. */
async function pristine(binDir: string | undefined): Promise<string> {
  const run = testRun() ?? String(process.pid);
  const bins = await withPgBin(binDir, async () => resolveBinaries(process.cwd()));
  const tag = createHash('sha256').update(bins.dir).digest('hex').slice(0, 12);
  const root = path.join(os.tmpdir(), `${PREFIX}${run}-${tag}`);
  const lock = `${root}.lock`;
  const ready = path.join(clusterPaths(root, root).data, 'PG_VERSION');
  if (existsSync(ready) && !existsSync(lock)) return root;
  await mkdir(path.dirname(root), { recursive: true });
  return withFileLock(lock, 180_000, async () => {
    if (existsSync(ready)) return root;
    await sweepDeadRuns();
    const st = await withPgBin(binDir, () => startCluster({ cwd: root, dir: root }));
    try {
      // The copies' own starts create their own tablespace in memory; a shared one would mix their databases.
      await queryOnce(st.url!, `DROP TABLESPACE IF EXISTS ${SCRATCH_TABLESPACE}`);
    } finally {
      await stopCluster({ cwd: root, dir: root });
      await removeTablespaceDir(root);
    }
    return root;
  });
}

/**
 * Put a copy of the pristine data directory for `binDir` (default: the embedded binaries) at
 * `dataDir`, which must not exist yet. startCluster on it then only starts it.
 */
export async function pristineDataDir(dataDir: string, binDir?: string): Promise<void> {
  const root = await pristine(binDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await cpA(clusterPaths(root, root).data, dataDir);
}

/** A throwaway cluster directory (`startCluster({dir})`) whose data/ is a pristine copy. */
export async function pristineCluster(clusterDir: string, binDir?: string): Promise<void> {
  await pristineDataDir(clusterPaths(clusterDir, clusterDir).data, binDir);
}

/** Global teardown: the run's pristine directories go with it. */
export async function removePristine(run: string): Promise<void> {
  for (const name of await readdir(os.tmpdir()).catch(() => [] as string[])) {
    if (name.startsWith(`${PREFIX}${run}-`)) await rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}
