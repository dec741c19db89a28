/**
 * Point-in-time recovery: a new cluster from a base backup (`pg_basebackup -Fp`)
 * plus a WAL archive (what `archive_command` copied), replayed up to a target
 * time and promoted.
 *
 * The base backup is copied, never used in place (it stays reusable for the
 * next attempt); the new data directory must not exist. Recovery settings go
 * into the copy's postgresql.auto.conf, which wins over postgresql.conf:
 * `restore_command` reads the archive, `recovery_target_time` stops replay
 * before the first commit later than the target (commits at or before it are
 * kept), `recovery_target_action = promote` opens it for writes. Archiving is
 * switched off in the copy so the recovered server never writes into the
 * archive it recovers from.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../cluster/embedded.js';
import { serverUser, ensureSearchable, type OsUser } from '../cluster/user.js';
import { StrataError } from '../core/diagnostic.js';
import { findTool, type ToolSearch } from './tools.js';

export interface RecoverOptions extends ToolSearch {
  /** Plain-format base backup directory (holds PG_VERSION). */
  base: string;
  /** WAL archive directory. */
  wal: string;
  /** `recovery_target_time`, e.g. `2026-12-01 21:00:00.123456+00`. */
  to: string;
  /** New data directory (must not exist). */
  data: string;
  /** TCP port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Role in the returned URL: the cluster's bootstrap superuser (default `postgres`, as in strata's clusters). */
  user?: string;
  onStep?: (label: string, ms: number) => void;
}

export interface RecoveredCluster {
  data: string;
  port: number;
  /** URL of database `postgres` as the bootstrap superuser. */
  url: string;
  major: number;
  /** Server log of the recovery. */
  log: string;
  stop(): Promise<void>;
}

function pitrError(subject: string, message: string, hint: string, detail?: string): StrataError {
  return new StrataError({ code: 'backup.pitr', severity: 'error', subject, message, hint, detail });
}

function quoteConf(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

export async function recoverToTime(opts: RecoverOptions): Promise<RecoveredCluster> {
  const base = path.resolve(opts.base);
  const wal = path.resolve(opts.wal);
  const data = path.resolve(opts.data);
  const versionText = await readFile(path.join(base, 'PG_VERSION'), 'utf8').catch(() => undefined);
  if (versionText === undefined) {
    const tar = existsSync(path.join(base, 'base.tar')) || existsSync(path.join(base, 'base.tar.gz'));
    throw pitrError(
      opts.base,
      `${opts.base} is not a plain-format base backup (no PG_VERSION)`,
      tar ? 'this is a tar-format backup: extract base.tar into a folder and pass that folder' : 'take one with pg_basebackup -D DIR -Fp -X stream',
    );
  }
  if (!(await stat(wal).catch(() => undefined))?.isDirectory()) {
    throw pitrError(opts.wal, `the WAL archive ${opts.wal} is not a directory`, 'pass the folder the archive_command copies WAL segments into');
  }
  if (existsSync(data)) throw pitrError(opts.data, `${opts.data} already exists; recovery only ever creates a new data directory`, 'choose another --data directory');
  // A tablespace is a symlink to the primary's own directory: a copy would write into it.
  if ((await readdir(path.join(base, 'pg_tblspc')).catch(() => [])).length) {
    throw pitrError(opts.base, `${opts.base} holds tablespaces (pg_tblspc is not empty); their links point at the primary's directories`, 'take the base backup with pg_basebackup --tablespace-mapping=OLD=NEW for each tablespace, or without tablespaces');
  }
  const major = Number(versionText.trim());
  // A physical backup runs only on the same major version: exact match, no newer.
  const postgres = findTool('postgres', major, opts);
  if (postgres.major !== major) {
    throw pitrError(postgres.path, `the base backup is PostgreSQL ${major}; only PostgreSQL ${postgres.major} server binaries were found`, `install the PostgreSQL ${major} server or set "backup": {"pgBin": DIR}`);
  }
  const binDir = path.dirname(postgres.path);
  const user = await serverUser();
  const port = opts.port ?? (await freePort());

  const t0 = performance.now();
  // cp -a: node's fs.cp takes seconds for the thousand small files of a cluster.
  const copied = spawnSync('cp', ['-a', base, data], { encoding: 'utf8' });
  if (copied.status !== 0) throw pitrError(opts.data, `cannot copy ${opts.base} to ${opts.data}: ${(copied.stderr || copied.error?.message || '').trim()}`, 'check the free disk space and the permissions of the target folder');
  // Leftovers of the running primary the copy must not inherit.
  for (const f of ['postmaster.pid', 'postmaster.opts', 'standby.signal']) await rm(path.join(data, f), { force: true });
  await appendFile(
    path.join(data, 'postgresql.auto.conf'),
    [
      '',
      '# --- strata recover ---',
      `restore_command = ${quoteConf(`cp "${wal}/%f" "%p"`)}`,
      `recovery_target_time = ${quoteConf(opts.to)}`,
      `recovery_target_action = 'promote'`,
      `archive_mode = 'off'`,
      '',
    ].join('\n'),
  );
  await writeFile(path.join(data, 'recovery.signal'), '');
  await chmod(data, 0o700);
  if (user) {
    const r = spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, data], { encoding: 'utf8' });
    if (r.status !== 0) throw pitrError(data, `cannot give ${data} to ${user.name}: ${r.stderr.trim()}`, 'run strata as root or as the server user');
    await ensureSearchable([binDir, path.join(binDir, '..', 'lib'), data, wal], user);
  }
  opts.onStep?.('copy base backup', performance.now() - t0);
  try {
    return await startRecovery(opts, { data, major, binDir, user, port });
  } catch (e) {
    // Nothing of value is in the copy yet (the base backup is untouched): leave no half-recovered directory.
    await rm(data, { recursive: true, force: true });
    throw e;
  }
}

async function startRecovery(
  opts: RecoverOptions,
  c: { data: string; major: number; binDir: string; user: OsUser | undefined; port: number },
): Promise<RecoveredCluster> {
  const { data, major, binDir, user, port } = c;
  const pgCtl = path.join(binDir, 'pg_ctl');
  // The server's own check of the settings (the target time above all) before anything starts.
  const check = await runAs(user, path.join(binDir, 'postgres'), ['-D', data, '-C', 'recovery_target_time']);
  if (check.code !== 0) {
    const why = check.output.trim().split('\n').find((l) => /FATAL|invalid/.test(l)) ?? check.output.trim();
    throw new StrataError(
      { code: 'cli.usage', severity: 'error', subject: opts.to, message: `PostgreSQL rejects the recovery target time "${opts.to}": ${why.replace(/^.*FATAL:\s*/, '')}`, hint: "write it as 'YYYY-MM-DD HH:MM:SS[.ffffff]+00' (a numeric zone; not Z)" },
      2,
    );
  }

  const log = path.join(data, 'strata-recover.log');
  const t1 = performance.now();
  const started = await runAs(user, pgCtl, [
    'start', '-D', data, '-l', log, '-w', '-t', '300',
    '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
  ]);
  const url = `postgres://${encodeURIComponent(opts.user ?? 'postgres')}@127.0.0.1:${port}/postgres`;
  const cluster: RecoveredCluster = {
    data,
    port,
    url,
    major,
    log,
    stop: async () => {
      await runAs(user, pgCtl, ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
    },
  };
  if (started.code !== 0) throw await failure(url, log);
  try {
    await waitPromoted(url, log);
  } catch (e) {
    await cluster.stop().catch(() => undefined);
    throw e;
  }
  opts.onStep?.('replay WAL and promote', performance.now() - t1);
  return cluster;
}

async function logTail(log: string, lines: number): Promise<string> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-lines).join('\n');
}

function runAs(user: OsUser | undefined, file: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(user ? { uid: user.uid, gid: user.gid } : {}), cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Why a recovery stopped, from its log. */
async function failure(url: string, log: string): Promise<StrataError> {
  const text = await readFile(log, 'utf8').catch(() => '');
  const detail = await logTail(log, 10);
  if (/recovery ended before configured recovery target was reached/.test(text)) {
    return pitrError(url, 'the WAL archive ends before the recovery target time', 'check the archive holds the segments up to the target (pg_switch_wal() on the primary archives the current one)', detail);
  }
  const fatal = text.split('\n').reverse().find((l) => /FATAL|PANIC/.test(l));
  return pitrError(url, `recovery failed: ${fatal ?? (await logTail(log, 1))}`, `see ${log}`, detail);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until the server has left recovery (reached the target and promoted); a server that stops on the way is an error. */
async function waitPromoted(url: string, log: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  let last = '';
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      if (!rows[0]!.r) return;
    } catch (e) {
      last = (e as Error).message;
      const text = await readFile(log, 'utf8').catch(() => '');
      if (/database system is shut down|startup process .* exited with exit code|FATAL:\s+recovery ended before/.test(text)) throw await failure(url, log);
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(100);
  }
  throw pitrError(url, `the recovered server did not leave recovery within 300 s (${last})`, `see ${log}`, await logTail(log, 10));
}
