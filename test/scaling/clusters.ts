/**
 * Throwaway PostgreSQL 15 clusters for the replication test: a primary (a copy of the run's initdb) and a
 * streaming standby (pg_basebackup -R), each with its own data directory under one temp
 * folder and its own free port. The embedded PostgreSQL 18 has no pg_basebackup, so both
 * run the Debian PostgreSQL 15 binaries, as the unprivileged server user src/cluster uses.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/cluster/embedded.js';
import { ensureSearchable, serverUser, type OsUser } from '../../src/cluster/user.js';
import { initDataDir } from '../../src/cluster/embedded.js';
import { withPgBin } from '../helpers/pg-bin.js';

export const PG15_BIN = '/usr/lib/postgresql/15/bin';

export interface LocalCluster {
  name: string;
  data: string;
  port: number;
  log: string;
  url(db?: string): string;
}

export interface ClusterSet {
  root: string;
  primary(): Promise<LocalCluster>;
  /** `conf` is appended to the standby's postgresql.conf (copied from the primary) before it starts. */
  standby(of: LocalCluster, conf?: string): Promise<LocalCluster>;
  /** Stop every cluster started here (immediate shutdown) and delete the folder; never throws. */
  destroy(): Promise<void>;
}

/**
 * Replication needs WAL for a standby; durability does not matter for a throwaway pair. Appended to the
 * dev tuning initDataDir writes, so it also turns synchronous_commit back on: a commit's WAL is then
 * flushed, and streamed, when it returns (the lag probes wait for exactly that).
 */
const PRIMARY_CONF = `
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 30
jit = off
log_min_messages = warning
synchronous_commit = on
`;

function run(cmd: string, args: string[], user: OsUser | undefined, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, ...(user ? { uid: user.uid, gid: user.gid } : {}), timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed: ${String(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

export async function clusterSet(label: string): Promise<ClusterSet> {
  const user = await serverUser();
  const root = await mkdtemp(path.join(tmpdir(), `strata-${label}-`));
  await chmod(root, 0o755);
  if (user) {
    await chown(root, user.uid, user.gid);
    await ensureSearchable([PG15_BIN, root], user);
  }
  const bin = (x: string) => path.join(PG15_BIN, x);
  const dataDirs = ['standby', 'primary'].map((n) => path.join(root, n));
  // Last resort when the worker exits without running afterAll (a crash, process.exit): no server outlives it.
  const onExit = () => {
    for (const data of dataDirs) if (existsSync(path.join(data, 'postmaster.pid'))) spawnSync(bin('pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...(user ? { uid: user.uid, gid: user.gid } : {}), cwd: root, timeout: 10_000 });
  };
  process.once('exit', onExit);

  async function start(c: Omit<LocalCluster, 'port' | 'url'>): Promise<LocalCluster> {
    // A port another engineer's server takes between freePort and bind: try the next one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        await run(bin('pg_ctl'), ['-D', c.data, '-l', c.log, '-w', '-t', '60', '-o', `-p ${port} -k ${root}`, 'start'], user, root);
        const cluster = { ...c, port, url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}` };
        return cluster;
      } catch (e) {
        const log = await readFile(c.log, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not bind|Address already in use/i.test(log)) throw new Error(`${(e as Error).message}\n${log.split('\n').slice(-8).join('\n')}`);
      }
    }
  }

  return {
    root,
    async primary() {
      const data = path.join(root, 'primary');
      // initdb's output for these binaries (copied from strata's initdb cache after the first); PRIMARY_CONF goes after its tuning.
      await withPgBin(PG15_BIN, () => initDataDir(root, data));
      await appendFile(path.join(data, 'postgresql.conf'), PRIMARY_CONF);
      return start({ name: 'primary', data, log: path.join(root, 'primary.log') });
    },
    async standby(of, conf = '') {
      const data = path.join(root, 'standby');
      // -R writes primary_conninfo and standby.signal; -X stream copies the WAL written meanwhile.
      await run(bin('pg_basebackup'), ['-h', '127.0.0.1', '-p', String(of.port), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'], user, root);
      if (conf) await appendFile(path.join(data, 'postgresql.conf'), `\n${conf}\n`);
      return start({ name: 'standby', data, log: path.join(root, 'standby.log') });
    },
    async destroy() {
      process.removeListener('exit', onExit);
      // Also a server whose start timed out still has its postmaster.pid.
      for (const data of dataDirs) {
        if (existsSync(path.join(data, 'postmaster.pid'))) await run(bin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user, root).catch(() => undefined);
      }
      await rm(root, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
