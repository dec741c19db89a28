/**
 * Where strata's databases live. `resolveServer` picks the server every command
 * talks to: `--database-url`/`DATABASE_URL` when given, else the embedded dev
 * cluster (started on demand, see ./embedded.ts). Scratch databases are created
 * on that server and always dropped.
 */
import { randomBytes } from 'node:crypto';
import { StrataError } from '../core/diagnostic.js';
import { ensureCluster, type StartOptions } from './embedded.js';
import { SCRATCH_TABLESPACE } from './tablespace.js';
import { pidAlive } from './lock.js';

export interface ServerTarget {
  /** URL of a maintenance database (usually `postgres`) with rights to CREATE/DROP DATABASE. */
  adminUrl: string;
  /** True when the server came from DATABASE_URL / --database-url. */
  external: boolean;
}

export interface ResolveOptions {
  databaseUrl?: string;
  /** Project root; the embedded cluster's data lives under `<cwd>/.strata/pg/`. */
  cwd: string;
  /** Cluster directory instead of `<cwd>/.strata/pg` (tests use throwaway clusters). */
  clusterDir?: string;
  /** Progress callback while the embedded cluster starts (initdb, start). */
  onStep?: StartOptions['onStep'];
}

export async function resolveServer(opts: ResolveOptions): Promise<ServerTarget> {
  const url = opts.databaseUrl || process.env.DATABASE_URL;
  if (url) {
    checkUrl(url);
    return { adminUrl: url, external: true };
  }
  const adminUrl = await ensureCluster({ cwd: opts.cwd, dir: opts.clusterDir, onStep: opts.onStep });
  return { adminUrl, external: false };
}

function checkUrl(url: string): void {
  let ok = false;
  try {
    const u = new URL(url);
    ok = u.protocol === 'postgres:' || u.protocol === 'postgresql:';
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new StrataError(
      {
        code: 'cli.usage',
        severity: 'error',
        subject: 'DATABASE_URL',
        message: `not a PostgreSQL URL: ${redact(url)}`,
        hint: 'use postgres://user[:password]@host[:port]/database, or unset DATABASE_URL to use the embedded cluster',
      },
      2,
    );
  }
}

/** The URL with its password masked, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Prefix of every scratch database strata creates, so leftovers can be found and removed. */
export const SCRATCH_PREFIX = 'strata_scratch_';

export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

async function adminExec(server: ServerTarget, text: string): Promise<void> {
  // Loaded on first use so commands that never touch a database (db url, --version) skip the client.
  const { adminQuery } = await import('../db/admin.js');
  await adminQuery(server.adminUrl, text);
}

/**
 * `<prefix><label>_<pid>_<random>`: the pid lets `dropLeftoverScratch` tell a
 * leftover of a killed process from a database still in use.
 */
export function scratchName(label = 'db'): string {
  const clean = label.replace(/[^a-z0-9_]/gi, '_').toLowerCase().slice(0, 20);
  return `${SCRATCH_PREFIX}${clean}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * CREATE DATABASE for a scratch database. On a strata embedded cluster (fsync off; it has the
 * scratch tablespace) the FILE_COPY strategy is the fastest way to clone a small template; on
 * any other server the server's default is kept, since FILE_COPY forces checkpoints there.
 */
function createStatement(name: string, template: string, embedded: boolean, inMemory: boolean): string {
  const strategy = embedded ? ' STRATEGY FILE_COPY' : '';
  const where = inMemory ? ` TABLESPACE ${SCRATCH_TABLESPACE}` : '';
  return `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}${strategy}${where}`;
}

const tablespaceKnown = new Map<string, Promise<boolean>>();

/**
 * Whether the server is a strata embedded cluster with its in-memory scratch tablespace (see
 * ./tablespace.ts), asked of the server itself once per process: the same cluster reached through
 * --database-url or DATABASE_URL (as every CLI run in the tests) is still that cluster, and its
 * scratch databases belong in memory, not in a WAL-logged copy of template0 on disk.
 */
function hasScratchTablespace(server: ServerTarget): Promise<boolean> {
  let known = tablespaceKnown.get(server.adminUrl);
  if (!known) {
    known = import('../db/admin.js')
      .then(({ adminQuery }) => adminQuery(server.adminUrl, 'SELECT 1 FROM pg_tablespace WHERE spcname = $1', [SCRATCH_TABLESPACE]))
      .then((rows) => rows.length > 0)
      .catch(() => false);
    tablespaceKnown.set(server.adminUrl, known);
  }
  return known;
}

function dropStatement(name: string): string {
  return `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`;
}

const live = new Set<{ server: ServerTarget; name: string }>();

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drop it (idempotent). */
  drop(): Promise<void>;
}

/**
 * Create a scratch database cloned from `template` (default `template0`, which
 * holds nothing but the system catalogs). It is dropped by `drop()`, or on
 * SIGINT/SIGTERM if the process is interrupted first. Prefer
 * `withScratchDatabase`, which also drops it when the work fails.
 */
export async function createScratchDatabase(
  server: ServerTarget,
  opts: { template?: string; label?: string; name?: string; keep?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = opts.name ?? scratchName(opts.label);
  const entry = { server, name };
  // Registered before CREATE so a signal during creation still drops it; `keep` outlives this process
  // (dropped by its owner, or by dropLeftoverScratch once the pid in its name is gone).
  if (!opts.keep) live.add(entry);
  installSignalCleanup();
  const template = opts.template ?? 'template0';
  try {
    const inMemory = await hasScratchTablespace(server);
    const embedded = inMemory || !server.external;
    try {
      await adminExec(server, createStatement(name, template, embedded, inMemory));
    } catch (e) {
      // The memory tablespace can vanish under a running server (someone cleared /dev/shm): fall back to disk.
      if (!inMemory) throw e;
      await adminExec(server, createStatement(name, template, embedded, false));
    }
  } catch (e) {
    live.delete(entry);
    throw e;
  }
  return {
    name,
    url: databaseUrl(server.adminUrl, name),
    async drop() {
      try {
        await adminExec(server, dropStatement(name)).catch(async (e: unknown) => {
          // A database with subscriptions cannot be dropped (even WITH FORCE): let them go first.
          if ((e as { code?: string }).code !== '55006' || !/subscription/.test(String((e as Error).message))) throw e;
          await dropSubscriptions(databaseUrl(server.adminUrl, name));
          await adminExec(server, dropStatement(name));
        });
      } finally {
        live.delete(entry);
      }
    },
  };
}

/**
 * Drop a scratch database's subscriptions without reaching their publishers:
 * disabled and detached from their slots first, as DROP SUBSCRIPTION otherwise
 * connects to drop the slot.
 */
async function dropSubscriptions(url: string): Promise<void> {
  const { execOnce } = await import('../db/connect.js');
  await execOnce(
    url,
    `DO $strata$ DECLARE r record; BEGIN
       FOR r IN SELECT s.subname FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid WHERE d.datname = current_database() LOOP
         EXECUTE format('ALTER SUBSCRIPTION %I DISABLE', r.subname);
         EXECUTE format('ALTER SUBSCRIPTION %I SET (slot_name = NONE)', r.subname);
         EXECUTE format('DROP SUBSCRIPTION %I', r.subname);
       END LOOP; END $strata$`,
  );
}

/** Run `fn` on a fresh scratch database and drop it afterwards: on success, on error, and on SIGINT/SIGTERM. */
export async function withScratchDatabase<T>(
  server: ServerTarget,
  opts: { template?: string; label?: string },
  fn: (url: string, name: string) => Promise<T>,
): Promise<T> {
  const db = await createScratchDatabase(server, opts);
  let failed = false;
  try {
    return await fn(db.url, db.name);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    try {
      await db.drop();
    } catch (dropError) {
      // The error from `fn` matters more than a failed clean-up after it.
      if (!failed) throw dropError;
    }
  }
}

let signalsInstalled = false;
function installSignalCleanup(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      const pending = [...live].map((e) => adminExec(e.server, dropStatement(e.name)).catch(() => undefined));
      // An unresponsive server must not keep Ctrl-C from ending the process (a second Ctrl-C also ends it).
      const cap = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      // Re-raise with the default handler so the exit status says "killed by signal".
      void Promise.race([Promise.all(pending), cap]).finally(() => process.kill(process.pid, sig));
    });
  }
}

export interface LeftoverScratch {
  name: string;
  pid?: number;
  dropped: boolean;
}

/**
 * Drop scratch databases left behind by processes that died without cleaning up
 * (kill -9, power loss). A database is a leftover when the pid in its name is
 * not alive on this machine and nobody is connected to it; `all` drops every
 * unconnected scratch database regardless of pid (for servers shared between machines).
 */
export async function dropLeftoverScratch(server: ServerTarget, opts: { all?: boolean } = {}): Promise<LeftoverScratch[]> {
  const { adminQuery } = await import('../db/admin.js');
  const rows = await adminQuery<{ datname: string; sessions: string }>(
    server.adminUrl,
    `SELECT d.datname, (SELECT count(*) FROM pg_stat_activity a WHERE a.datid = d.oid) AS sessions
       FROM pg_database d WHERE starts_with(d.datname, $1) ORDER BY 1`,
    [SCRATCH_PREFIX],
  );
  const out: LeftoverScratch[] = [];
  for (const r of rows) {
    const m = /_(\d+)_[0-9a-f]{8}$/.exec(r.datname);
    const pid = m ? Number(m[1]) : undefined;
    const orphan = Number(r.sessions) === 0 && (opts.all || pid === undefined || !pidAlive(pid));
    if (orphan) await adminExec(server, dropStatement(r.datname));
    out.push({ name: r.datname, pid, dropped: orphan });
  }
  return out;
}
