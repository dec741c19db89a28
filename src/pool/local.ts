/**
 * A throwaway PgBouncer on loopback, for the TLS test and the pool benchmark:
 * a self-signed certificate (openssl), the rendered pgbouncer.ini with local
 * paths, and the process itself, run as the unprivileged server user when strata
 * runs as root (PgBouncer, like PostgreSQL, refuses to run as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';
import { serverUser, ensureSearchable, type OsUser } from '../cluster/user.js';

/** The pgbouncer binary on PATH (or in /usr/sbin, Debian's place), else undefined. */
export function pgbouncerBinary(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' });
  const found = r.stdout?.trim();
  if (found) return found;
  return existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : undefined;
}

export interface Certificate {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for `localhost` and 127.0.0.1 (valid one day), written into `dir`
 * with the key readable only by its owner (chowned to `owner` when given), as PostgreSQL demands.
 */
export async function selfSignedCertificate(dir: string, name: string, owner?: OsUser): Promise<Certificate> {
  await mkdir(dir, { recursive: true });
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    throw new StrataError({ code: 'pool.openssl', severity: 'error', subject: dir, message: `openssl req failed: ${(r.stderr || r.error?.message || '').trim()}`, hint: 'install openssl' });
  }
  await chmod(key, 0o600);
  if (owner) {
    await chown(key, owner.uid, owner.gid);
    await chown(cert, owner.uid, owner.gid);
  }
  return { cert, key };
}

export interface LocalPgbouncer {
  port: number;
  process: ChildProcess;
  /** The log so far (for failure messages). */
  log(): Promise<string>;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Start PgBouncer on `ini` (already written, listening on 127.0.0.1:`port`, logging to `logfile`)
 * and wait until it accepts connections. Every file in `dir` is handed to the server user.
 */
export async function startPgbouncer(opts: { dir: string; ini: string; port: number; logfile: string }): Promise<LocalPgbouncer> {
  const bin = pgbouncerBinary();
  if (!bin) throw new StrataError({ code: 'pool.no-pgbouncer', severity: 'error', subject: 'pgbouncer', message: 'pgbouncer is not installed', hint: 'apt-get install pgbouncer' });
  const user = await serverUser();
  if (user) {
    await ensureSearchable([opts.dir], user);
    spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, opts.dir]);
  }
  const child = spawn(bin, [opts.ini], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    cwd: opts.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const log = async () => stderr + (await readFile(opts.logfile, 'utf8').catch(() => ''));
  const deadline = Date.now() + 15_000;
  while (!(await portOpen(opts.port))) {
    if (exited !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new StrataError({ code: 'pool.start', severity: 'error', subject: opts.ini, message: `pgbouncer did not start (exit ${exited}): ${(await log()).trim().split('\n').slice(-5).join(' | ')}` });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: opts.port,
    process: child,
    log,
    async stop() {
      if (exited !== undefined) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === undefined) child.kill('SIGKILL');
    },
  };
}
