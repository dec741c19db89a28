/**
 * The `pool` section of strata.config.json: where PgBouncer listens, which
 * server and database it pools, its sizes and the file paths it reads. Every
 * key is optional; the defaults are Debian's package paths and a pool sized for
 * a small server. The application roles come from `tenancy.roles`, not from here.
 */
import { configError } from '../config/index.js';

export type ServerTlsMode = 'require' | 'verify-ca' | 'verify-full';

export interface PoolConfig {
  /** Folder (relative to the project root) `strata pool config` writes the reference files to. */
  out: string;
  /** Database name clients ask PgBouncer for, and the server database it maps to. */
  database: string;
  serverDatabase: string;
  listenAddr: string;
  listenPort: number;
  serverHost: string;
  serverPort: number;
  maxClientConn: number;
  defaultPoolSize: number;
  reservePoolSize: number;
  maxDbConnections: number;
  /** PgBouncer → PostgreSQL: TLS always; verify-full also checks the server's name against its certificate. */
  serverTlsSslmode: ServerTlsMode;
  /** Paths PgBouncer and PostgreSQL read (absolute, or relative to PGDATA for the PostgreSQL ones). */
  files: {
    authFile: string;
    logfile: string;
    pidfile: string;
    clientTlsCert: string;
    clientTlsKey: string;
    serverTlsCa: string;
    serverCert: string;
    serverKey: string;
  };
}

export const POOL_DEFAULTS: PoolConfig = {
  out: 'ops/pgbouncer',
  database: 'app',
  serverDatabase: 'app',
  listenAddr: '*',
  listenPort: 6432,
  serverHost: 'localhost',
  serverPort: 5432,
  // 1,000 concurrent clients measured (docs/benchmarks.md), with headroom.
  maxClientConn: 2000,
  // Server connections per (database, user): a few per core is where PostgreSQL throughput peaks.
  defaultPoolSize: 20,
  reservePoolSize: 5,
  maxDbConnections: 50,
  serverTlsSslmode: 'verify-full',
  files: {
    authFile: '/etc/pgbouncer/userlist.txt',
    logfile: '/var/log/postgresql/pgbouncer.log',
    pidfile: '/run/postgresql/pgbouncer.pid',
    clientTlsCert: '/etc/pgbouncer/tls/pgbouncer.crt',
    clientTlsKey: '/etc/pgbouncer/tls/pgbouncer.key',
    serverTlsCa: '/etc/pgbouncer/tls/postgres-ca.crt',
    serverCert: 'server.crt',
    serverKey: 'server.key',
  },
};

const NUMBERS = ['listenPort', 'serverPort', 'maxClientConn', 'defaultPoolSize', 'reservePoolSize', 'maxDbConnections'] as const;
const STRINGS = ['out', 'database', 'serverDatabase', 'listenAddr', 'serverHost'] as const;
const TLS_MODES: readonly ServerTlsMode[] = ['require', 'verify-ca', 'verify-full'];

/** The `pool` section (as written in the config) merged over the defaults; a wrong key or type is a config error. */
export function poolConfigFrom(raw: unknown, label = 'strata.config.json'): PoolConfig {
  if (raw === undefined) return structuredClone(POOL_DEFAULTS);
  const bad = (m: string) => configError(label, `"pool": ${m}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad('must be an object');
  const obj = raw as Record<string, unknown>;
  const out = structuredClone(POOL_DEFAULTS);
  for (const [k, v] of Object.entries(obj)) {
    if ((NUMBERS as readonly string[]).includes(k)) {
      if (!Number.isInteger(v) || (v as number) <= 0) throw bad(`"${k}" must be a positive integer`);
      out[k as (typeof NUMBERS)[number]] = v as number;
    } else if ((STRINGS as readonly string[]).includes(k)) {
      if (typeof v !== 'string' || !v || /[\n"]/.test(v)) throw bad(`"${k}" must be a non-empty string without quotes or newlines`);
      out[k as (typeof STRINGS)[number]] = v;
    } else if (k === 'serverTlsSslmode') {
      if (!TLS_MODES.includes(v as ServerTlsMode)) throw bad(`"serverTlsSslmode" must be one of ${TLS_MODES.join(', ')}`);
      out.serverTlsSslmode = v as ServerTlsMode;
    } else if (k === 'files') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bad('"files" must be an object');
      for (const [f, p] of Object.entries(v as Record<string, unknown>)) {
        if (!(f in out.files)) throw bad(`unknown key "files.${f}" (known: ${Object.keys(out.files).join(', ')})`);
        if (typeof p !== 'string' || !p || /[\n']/.test(p)) throw bad(`"files.${f}" must be a path`);
        out.files[f as keyof PoolConfig['files']] = p;
      }
    } else {
      throw bad(`unknown key "${k}" (known: ${[...STRINGS, ...NUMBERS, 'serverTlsSslmode', 'files'].join(', ')})`);
    }
  }
  if (obj.serverDatabase === undefined && obj.database !== undefined) out.serverDatabase = out.database;
  return out;
}
