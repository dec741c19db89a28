/**
 * The embedded dev cluster: one PostgreSQL server per project, data under
 * `<project>/.strata/pg/`, started on demand and reused by every command.
 *
 * Layout of the cluster directory:
 *   data/          PGDATA (owned by the server user)
 *   run/           unix socket directory (owned by the server user)
 *   postgres.log   server log (appended, truncated when large)
 *   cluster.json   last port, so URLs stay stable across restarts
 *   lock           held while starting or stopping
 *
 * Durability is traded for speed (fsync=off, synchronous_commit=off,
 * full_page_writes=off): this is a scratch server for development and tests,
 * and a power loss can corrupt it. `strata db stop` shuts it down cleanly;
 * `make clean` deletes it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { appendFile, chown, mkdir, open, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';
import { dataDirMajor, resolveBinaries, type PgBinaries } from './binaries.js';
import { pidAlive, withFileLock } from './lock.js';
import { ensureScratchTablespace, removeTablespaceDir } from './tablespace.js';
import { serverUser, ensureSearchable, type OsUser } from './user.js';

export interface ClusterPaths {
  root: string;
  data: string;
  socketDir: string;
  log: string;
  state: string;
  lock: string;
}

export const SUPERUSER = 'postgres';

/** `dir` overrides `<cwd>/.strata/pg` (tests run throwaway clusters elsewhere). */
export function clusterPaths(cwd: string, dir?: string): ClusterPaths {
  const root = path.resolve(dir ?? process.env.STRATA_CLUSTER_DIR ?? path.join(cwd, '.strata', 'pg'));
  let socketDir = path.join(root, 'run');
  // A unix socket path is limited to 107 bytes; deep project paths get a short one in the temp dir.
  if (path.join(socketDir, '.s.PGSQL.65535.lock').length > 100) {
    const tag = createHash('sha256').update(root).digest('hex').slice(0, 12);
    socketDir = path.join(os.tmpdir(), `strata-${tag}`);
  }
  return {
    root,
    data: path.join(root, 'data'),
    socketDir,
    log: path.join(root, 'postgres.log'),
    state: path.join(root, 'cluster.json'),
    lock: path.join(root, 'lock'),
  };
}

export type ClusterState = 'running' | 'stopped' | 'absent';

export interface ClusterStatus {
  state: ClusterState;
  paths: ClusterPaths;
  pid?: number;
  port?: number;
  /** Major version of the data directory. */
  major?: number;
  /** Admin URL (database `postgres`) when running. */
  url?: string;
}

export function clusterUrl(port: number, database = 'postgres'): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

interface PidFile {
  pid: number;
  port: number;
  status: string;
}

/** postmaster.pid lines: pid, data dir, start time, port, socket dir, listen addr, shmem key, status. */
function readPidFile(data: string): PidFile | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(data, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

/** True when `pid` is alive and is a postgres process (guards against a recycled pid after a crash). */
function isPostgres(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return process.platform !== 'linux';
  }
}

/** Cheap status check (no spawn, no connection): reads postmaster.pid. */
export function clusterStatus(paths: ClusterPaths): ClusterStatus {
  const major = dataDirMajor(paths.data);
  if (major === undefined) return { state: 'absent', paths };
  const pf = readPidFile(paths.data);
  if (pf && pf.status === 'ready' && isPostgres(pf.pid)) {
    return { state: 'running', paths, pid: pf.pid, port: pf.port, major, url: clusterUrl(pf.port) };
  }
  return { state: 'stopped', paths, major };
}

export interface StartOptions {
  cwd: string;
  dir?: string;
  /** Called once per finished step with its duration, for progress output. */
  onStep?: (step: string, ms: number) => void;
}

export interface StartResult extends ClusterStatus {
  /** False when the cluster was already running. */
  started: boolean;
  initialised: boolean;
  /** The data directory was copied from the pristine initdb cache (initdbCacheDir) instead of running initdb. */
  initdbCopied?: boolean;
  binaries?: PgBinaries;
}

const TUNING = `
# --- strata dev cluster ---
# A throwaway development server: durability is traded for speed. A crash of the
# machine (not of postgres) can corrupt it; delete .strata/ to start over.
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 1GB
checkpoint_timeout = 30min
shared_buffers = 128MB
max_connections = 200
jit = off
listen_addresses = '127.0.0.1'
log_min_messages = warning
log_line_prefix = '%m [%p] '
`;

const LOG_LIMIT = 10 * 1024 * 1024;

async function timed<T>(onStep: StartOptions['onStep'], step: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  onStep?.(step, performance.now() - t0);
  return out;
}

/** Start the cluster when it is not running (initialising it first when absent). Idempotent. */
export async function startCluster(opts: StartOptions): Promise<StartResult> {
  const paths = clusterPaths(opts.cwd, opts.dir);
  const fast = clusterStatus(paths);
  if (fast.state === 'running') return { ...fast, started: false, initialised: false };
  await mkdir(paths.root, { recursive: true });
  return withFileLock(paths.lock, 120_000, async () => {
    // Someone else may have started it while we waited for the lock.
    const again = clusterStatus(paths);
    if (again.state === 'running') return { ...again, started: false, initialised: false };
    const bins = resolveBinaries(opts.cwd);
    const user = await serverUser();
    if (user) await ensureSearchable([bins.dir, path.join(bins.dir, '..', 'lib'), path.join(bins.dir, '..', 'share'), paths.root], user);
    const binMajor = binariesMajor(bins);
    let initialised = false;
    let initdbCopied = false;
    if (again.state === 'absent') {
      const t0 = performance.now();
      initdbCopied = await initCluster(paths, bins, user);
      opts.onStep?.(`initdb (PostgreSQL ${binMajor}${initdbCopied ? ', copied from the cache' : ''})`, performance.now() - t0);
      initialised = true;
    } else if (again.major !== binMajor) {
      throw new StrataError({
        code: 'cluster.version',
        severity: 'error',
        subject: paths.data,
        message: `the cluster in ${paths.data} is PostgreSQL ${again.major} but the binaries in ${bins.dir} are PostgreSQL ${binMajor}`,
        hint: `delete ${paths.root} (make clean) to re-create it, or set STRATA_PG_BIN to PostgreSQL ${again.major} binaries`,
      });
    }
    const port = await timed(opts.onStep, 'start postgres', () => launch(paths, bins, user));
    await ensureScratchTablespace(clusterUrl(port), paths.root, user);
    return {
      state: 'running',
      paths,
      pid: readPidFile(paths.data)?.pid,
      port,
      major: binMajor,
      url: clusterUrl(port),
      started: true,
      initialised,
      initdbCopied,
      binaries: bins,
    };
  });
}

function binariesMajor(bins: PgBinaries): number {
  const r = spawnSync(bins.postgres, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout ?? '');
  if (!m) {
    throw new StrataError({
      code: 'cluster.binaries',
      severity: 'error',
      subject: bins.postgres,
      message: `cannot run ${bins.postgres} --version: ${(r.stderr || r.error?.message || '').trim()}`,
      hint: 'set STRATA_PG_BIN to a working PostgreSQL bin directory',
    });
  }
  return Number(m[1]);
}

async function ownBy(p: string, user: OsUser | undefined): Promise<void> {
  if (user) await chown(p, user.uid, user.gid);
}

function spawnOpts(user: OsUser | undefined, cwd: string) {
  return user ? { uid: user.uid, gid: user.gid, cwd } : { cwd };
}

/**
 * initdb (or its cached copy) into `dataDir`, with the dev tuning, for a server started some other way
 * than startCluster (a replication primary configured before its first start). True when copied.
 */
export async function initDataDir(cwd: string, dataDir: string): Promise<boolean> {
  const bins = resolveBinaries(cwd);
  const user = await serverUser();
  const root = path.dirname(dataDir);
  await mkdir(root, { recursive: true });
  if (user) await ensureSearchable([bins.dir, path.join(bins.dir, '..', 'lib'), path.join(bins.dir, '..', 'share'), root], user);
  return initCluster({ ...clusterPaths(cwd, root), data: dataDir }, bins, user);
}

async function initCluster(paths: ClusterPaths, bins: PgBinaries, user: OsUser | undefined): Promise<boolean> {
  // Initialise into a side directory and rename, so an interrupted initdb never leaves a half-made cluster.
  const tmp = `${paths.data}.init`;
  await rm(tmp, { recursive: true, force: true });
  const cached = initdbCacheDir(bins, user);
  // A pristine initdb is the same bytes for the same binaries and options: copying one (about a tenth
  // of initdb's CPU) makes every further fresh project's first `db start` cheaper.
  let copied = false;
  if (cached && existsSync(path.join(cached, 'PG_VERSION'))) {
    copied = (await runChild('cp', ['-a', cached, tmp], { cwd: paths.root })).code === 0;
    if (!copied) await rm(tmp, { recursive: true, force: true });
  }
  if (!copied) {
    await mkdir(tmp, { mode: 0o700 });
    await ownBy(tmp, user);
    const r = await runChild(bins.initdb, [...INITDB_ARGS, '-D', tmp], spawnOpts(user, paths.root));
    if (r.code !== 0) {
      throw new StrataError({
        code: 'cluster.initdb',
        severity: 'error',
        subject: paths.data,
        message: `initdb failed (exit ${r.code}): ${lastLine(r.output)}`,
        detail: r.output.trim().split('\n').slice(-10).join('\n'),
        hint: 'check that the server user can read the PostgreSQL binaries and write the .strata directory',
      });
    }
    if (cached) await saveInitdb(tmp, cached);
  }
  await appendFile(path.join(tmp, 'postgresql.conf'), TUNING);
  await rm(paths.data, { recursive: true, force: true });
  await rename(tmp, paths.data);
  return copied;
}

const INITDB_ARGS = ['-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'];

/**
 * Where a pristine initdb of these binaries is kept: `$STRATA_CACHE_DIR` or `$XDG_CACHE_HOME/strata`
 * or `~/.cache/strata`, under `initdb/<version>-<hash>`. The hash covers the binaries' directory and
 * version, the initdb options and the owner, so a copy never mixes builds or users.
 * `STRATA_INITDB_CACHE=0` turns it off (always run initdb).
 */
export function initdbCacheDir(bins: PgBinaries, user: OsUser | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.STRATA_INITDB_CACHE === '0') return undefined;
  const base = env.STRATA_CACHE_DIR || (env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'strata') : path.join(os.homedir(), '.cache', 'strata'));
  const version = spawnSync(bins.postgres, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const m = /(\d+(?:\.\d+)*)/.exec(version);
  if (!m) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([path.resolve(bins.dir), version, INITDB_ARGS, user?.uid ?? process.getuid?.() ?? 0]))
    .digest('hex')
    .slice(0, 16);
  return path.join(base, 'initdb', `${m[1]}-${key}`);
}

/** Keep a copy of a fresh initdb for the next cluster; a cache that cannot be written is not an error. */
async function saveInitdb(fresh: string, cached: string): Promise<void> {
  const side = `${cached}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(cached), { recursive: true });
    await rm(side, { recursive: true, force: true });
    if ((await runChild('cp', ['-a', fresh, side], { cwd: path.dirname(cached) })).code !== 0) return;
    // rename is atomic: a concurrent start either sees a complete copy or none.
    await rename(side, cached);
  } catch {
    // another process cached it first, or the cache directory is not writable
  } finally {
    await rm(side, { recursive: true, force: true }).catch(() => undefined);
  }
}

function runChild(cmd: string, args: string[], options: object): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return [...lines].reverse().find((l) => /FATAL|ERROR|error/.test(l)) ?? lines.at(-1) ?? '';
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  if (preferred) {
    const ok = await tryPort(preferred);
    if (ok) return ok;
  }
  const any = await tryPort(0);
  if (!any) throw new Error('no free TCP port on 127.0.0.1');
  return any;
}

async function readState(paths: ClusterPaths): Promise<{ port?: number }> {
  try {
    return JSON.parse(await readFile(paths.state, 'utf8')) as { port?: number };
  } catch {
    return {};
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start failures that a retry fixes: the port went to another program, or a crashed server's remains. */
const PORT_TAKEN = /could not bind|Address already in use|could not create any TCP\/IP sockets/i;
const CRASH_LEFTOVERS = /shared memory block .* still in use|lock file .* already exists/i;

/**
 * Spawn the postmaster detached (it outlives this process) and wait until
 * postmaster.pid says `ready`. Recovers from what a crash leaves behind: a stale
 * postmaster.pid, orphaned backends still holding shared memory, a port taken
 * by another program meanwhile.
 */
async function launch(paths: ClusterPaths, bins: PgBinaries, user: OsUser | undefined): Promise<number> {
  await mkdir(paths.socketDir, { recursive: true, mode: 0o755 });
  await ownBy(paths.socketDir, user);
  const stale = readPidFile(paths.data);
  if (stale && !isPostgres(stale.pid)) await unlink(path.join(paths.data, 'postmaster.pid')).catch(() => undefined);
  try {
    if (statSync(paths.log).size > LOG_LIMIT) await writeFile(paths.log, '');
  } catch {
    // no log yet
  }
  let port = await freePort((await readState(paths)).port);
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    // A postmaster that was still starting or stopping when we looked may be ready by now.
    const now = clusterStatus(paths);
    if (now.state === 'running' && now.port) return now.port;
    const outcome = await spawnPostmaster(paths, bins, user, port);
    if (outcome.ok) {
      await writeFile(paths.state, JSON.stringify({ port }) + '\n');
      return port;
    }
    const why = outcome.log;
    const portTaken = PORT_TAKEN.test(why);
    if (!(portTaken || CRASH_LEFTOVERS.test(why)) || Date.now() > deadline || attempt > 100) {
      throw new StrataError({
        code: 'cluster.start',
        severity: 'error',
        subject: paths.data,
        message: `PostgreSQL did not start: ${lastLine(why) || 'no output'}`,
        detail: why.trim().split('\n').slice(-10).join('\n'),
        hint: `see ${paths.log}; delete ${paths.root} (make clean) to start from scratch`,
      });
    }
    if (portTaken) {
      port = await freePort();
    } else {
      // Backends orphaned by a killed postmaster exit on their own within moments.
      await sleep(200);
    }
  }
}

async function spawnPostmaster(
  paths: ClusterPaths,
  bins: PgBinaries,
  user: OsUser | undefined,
  port: number,
): Promise<{ ok: true } | { ok: false; log: string }> {
  const logStart = existsSync(paths.log) ? statSync(paths.log).size : 0;
  const fh = await open(paths.log, 'a');
  let exited: number | null | undefined;
  const child = spawn(bins.postgres, ['-D', paths.data, '-p', String(port), '-k', paths.socketDir], {
    ...spawnOpts(user, paths.data),
    detached: true,
    stdio: ['ignore', fh.fd, fh.fd],
  });
  child.on('exit', (code) => (exited = code));
  child.on('error', () => (exited = -1));
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const pf = readPidFile(paths.data);
      if (pf && pf.pid === child.pid && pf.status === 'ready') return { ok: true };
      if (exited !== undefined) break;
      await sleep(15);
    }
    if (exited === undefined) child.kill('SIGQUIT');
    const log = (await readFile(paths.log, 'utf8').catch(() => '')).slice(logStart);
    return { ok: false, log };
  } finally {
    child.unref();
    await fh.close();
  }
}

export interface StopResult {
  /** False when it was not running. */
  stopped: boolean;
  paths: ClusterPaths;
}

/** Fast shutdown (SIGINT: roll back open transactions, then exit); SIGQUIT after `timeoutMs`. */
export async function stopCluster(opts: { cwd: string; dir?: string; timeoutMs?: number }): Promise<StopResult> {
  const paths = clusterPaths(opts.cwd, opts.dir);
  if (!existsSync(paths.root)) return { stopped: false, paths };
  return withFileLock(paths.lock, 120_000, async () => {
    const pf = readPidFile(paths.data);
    if (!pf || !isPostgres(pf.pid)) return { stopped: false, paths };
    process.kill(pf.pid, 'SIGINT');
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    while (pidAlive(pf.pid)) {
      if (Date.now() > deadline) {
        process.kill(pf.pid, 'SIGQUIT');
        await sleep(200);
        break;
      }
      await sleep(15);
    }
    return { stopped: true, paths };
  });
}

/** Make sure the cluster runs and return its admin URL. */
export async function ensureCluster(opts: StartOptions): Promise<string> {
  const st = await startCluster(opts);
  return st.url ?? clusterUrl(st.port ?? 0);
}

export async function removeCluster(opts: { cwd: string; dir?: string }): Promise<void> {
  await stopCluster(opts);
  const paths = clusterPaths(opts.cwd, opts.dir);
  await rm(paths.root, { recursive: true, force: true });
  await removeTablespaceDir(paths.root);
  if (!paths.socketDir.startsWith(paths.root)) await rm(paths.socketDir, { recursive: true, force: true });
}
