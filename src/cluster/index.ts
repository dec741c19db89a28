/**
 * Where strata's databases live. `resolveServer` picks the server every command
 * talks to: `--database-url`/`DATABASE_URL` when given, else the embedded dev
 * cluster (started on demand). Scratch databases are created on that server and
 * always dropped.
 *
 * NOTE for the foundation work: the embedded branch of `resolveServer` is still
 * to be written; the signatures here are the contract other stages code against.
 */
import { randomBytes } from 'node:crypto';
import { execOnce } from '../db/connect.js';
import { StrataError } from '../core/diagnostic.js';

export interface ServerTarget {
  /** URL of a maintenance database (usually `postgres`) with rights to CREATE/DROP DATABASE. */
  adminUrl: string;
  /** True when the server came from DATABASE_URL / --database-url. */
  external: boolean;
}

export interface ResolveOptions {
  databaseUrl?: string;
  /** Project root; the embedded cluster's data lives under `<cwd>/.strata/`. */
  cwd: string;
}

export async function resolveServer(opts: ResolveOptions): Promise<ServerTarget> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return { adminUrl: url, external: true };
  throw new StrataError({
    code: 'cluster.unavailable',
    severity: 'error',
    subject: 'cluster',
    message: 'embedded cluster not implemented yet',
    hint: 'set DATABASE_URL',
  });
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

async function adminExec(server: ServerTarget, sql: string): Promise<void> {
  await execOnce(server.adminUrl, sql);
}

const live = new Set<{ server: ServerTarget; name: string }>();

/**
 * Create a scratch database (optionally cloned from `template`), run `fn` with its
 * URL, and drop it afterwards — on success, on error, and on SIGINT/SIGTERM.
 */
export async function withScratchDatabase<T>(
  server: ServerTarget,
  opts: { template?: string; label?: string },
  fn: (url: string, name: string) => Promise<T>,
): Promise<T> {
  const label = (opts.label ?? 'db').replace(/[^a-z0-9_]/gi, '_').toLowerCase().slice(0, 20);
  const name = `${SCRATCH_PREFIX}${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const tmpl = opts.template ? ` TEMPLATE ${quoteIdent(opts.template)}` : '';
  await adminExec(server, `CREATE DATABASE ${quoteIdent(name)}${tmpl}`);
  const entry = { server, name };
  live.add(entry);
  installSignalCleanup();
  try {
    return await fn(databaseUrl(server.adminUrl, name), name);
  } finally {
    live.delete(entry);
    await adminExec(server, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }
}

let signalsInstalled = false;
function installSignalCleanup(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      const pending = [...live].map((e) =>
        adminExec(e.server, `DROP DATABASE IF EXISTS ${quoteIdent(e.name)} WITH (FORCE)`).catch(() => undefined),
      );
      void Promise.all(pending).finally(() => process.kill(process.pid, sig));
    });
  }
}
