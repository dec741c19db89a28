/**
 * Encryption in transit, on a cluster of its own (own data directory and port; the dev
 * cluster's configuration is untouched): the shipped postgresql.tls.conf and pg_hba.conf
 * (ops/pgbouncer, rendered from the project config) with a certificate made at test time,
 * then the shipped pgbouncer.ini in front of it. An application login role is refused
 * without TLS and served with it, by PostgreSQL and by PgBouncer; PgBouncer itself reaches
 * PostgreSQL over verified TLS and shares server connections between clients (transaction mode).
 */
import { mkdtemp, readFile, appendFile, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCluster, startCluster, freePort } from '../../src/cluster/embedded.js';
import { serverUser, ensureSearchable } from '../../src/cluster/user.js';
import { loadConfig, type TenancyConfig } from '../../src/config/index.js';
import { connect, queryOnce, sql } from '../../src/db/connect.js';
import { projectPoolFiles, readUserlist, renderPoolFiles, renderUserlist } from '../../src/pool/index.js';
import { pgbouncerBinary, selfSignedCertificate, startPgbouncer, type LocalPgbouncer } from '../../src/pool/local.js';
import { tenantRuntime } from '../../src/runtime/index.js';
import { PROJECT_ROOT } from '../helpers/server.js';

const LOGIN = 'tls_app';
const PASSWORD = 'tls-test-password';
const DB = 'tls_test';

let tmp: string;
let clusterDir: string;
let pgPort: number;
let adminUrl: string;
let caPem: string;
let bouncerCaPem: string;
let tenancy: TenancyConfig;
let bouncer: LocalPgbouncer | undefined;
const bouncerBin = pgbouncerBinary();
if (!bouncerBin) console.log('tls.test: pgbouncer is not installed (apt-get install pgbouncer), so the PgBouncer half of this file is skipped');

function client(port: number, ssl: pg.ClientConfig['ssl'], password = PASSWORD): pg.Client {
  const c = new pg.Client({ host: '127.0.0.1', port, user: LOGIN, password, database: DB, ssl, connectionTimeoutMillis: 10_000 });
  c.on('error', () => undefined);
  return c;
}

const verified = (ca = caPem) => ({ ca, servername: 'localhost' });
const bouncerVerified = () => verified(bouncerCaPem);

async function refusal(c: pg.Client): Promise<{ code?: string; message: string }> {
  try {
    await c.connect();
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  } finally {
    await c.end().catch(() => undefined);
  }
  throw new Error('the connection was accepted');
}

beforeAll(async () => {
  const config = await loadConfig(PROJECT_ROOT);
  tenancy = config.tenancy!;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-tls-'));
  clusterDir = path.join(tmp, 'pg');
  const user = await serverUser();
  const st = await startCluster({ cwd: PROJECT_ROOT, dir: clusterDir });
  pgPort = st.port!;
  adminUrl = st.url!;
  const tlsDir = path.join(tmp, 'tls');
  const cert = await selfSignedCertificate(tlsDir, 'postgres', user);
  if (user) await ensureSearchable([tlsDir], user);
  caPem = await readFile(cert.cert, 'utf8');

  // The shipped server files with this cluster's certificate paths; the test's own superuser line
  // on top is the only addition (the shipped file lets the superuser in over the local socket only).
  const { pool } = projectPoolFiles(config);
  const files = renderPoolFiles({ ...pool, files: { ...pool.files, serverCert: cert.cert, serverKey: cert.key } }, tenancy);
  await appendFile(path.join(st.paths.data, 'postgresql.conf'), '\n' + files['postgresql.tls.conf']);
  await writeFile(path.join(st.paths.data, 'pg_hba.conf'), `host all postgres 127.0.0.1/32 trust\n${files['pg_hba.conf']}`);
  await queryOnce(adminUrl, 'SELECT pg_reload_conf()');
  for (let i = 0; (await queryOnce<{ ssl: string }>(adminUrl, 'SHOW ssl'))[0]!.ssl !== 'on'; i++) {
    if (i > 100) throw new Error('ssl did not turn on after reload');
    await new Promise((r) => setTimeout(r, 50));
  }

  await queryOnce(adminUrl, `CREATE DATABASE ${DB}`);
  await queryOnce(
    adminUrl,
    [
      ...tenancy.roles.map((r) => `CREATE ROLE ${r} NOLOGIN`),
      `CREATE ROLE ${LOGIN} LOGIN PASSWORD '${PASSWORD}'`,
      `GRANT ${tenancy.roles.join(', ')} TO ${LOGIN}`,
    ].join(';\n'),
  );

  if (bouncerBin) {
    const bdir = path.join(tmp, 'pgbouncer');
    const bcert = await selfSignedCertificate(bdir, 'pgbouncer');
    bouncerCaPem = await readFile(bcert.cert, 'utf8');
    const port = await freePort();
    const logfile = path.join(bdir, 'pgbouncer.log');
    // One server connection: two clients can then only both be served if the pool shares it (transaction mode).
    const bpool = {
      ...pool,
      database: DB,
      serverDatabase: DB,
      listenAddr: '127.0.0.1',
      listenPort: port,
      serverHost: 'localhost',
      serverPort: pgPort,
      defaultPoolSize: 1,
      reservePoolSize: 0,
      maxDbConnections: 1,
      files: { ...pool.files, authFile: path.join(bdir, 'userlist.txt'), logfile, pidfile: path.join(bdir, 'pgbouncer.pid'), clientTlsCert: bcert.cert, clientTlsKey: bcert.key, serverTlsCa: cert.cert },
    };
    const ini = path.join(bdir, 'pgbouncer.ini');
    await writeFile(ini, renderPoolFiles(bpool, tenancy)['pgbouncer.ini']);
    const { entries } = await readUserlist(adminUrl, tenancy.roles);
    await writeFile(bpool.files.authFile, renderUserlist(entries), { mode: 0o600 });
    bouncer = await startPgbouncer({ dir: bdir, ini, port, logfile });
  }
}, 120_000);

afterAll(async () => {
  await bouncer?.stop();
  if (clusterDir) await removeCluster({ cwd: PROJECT_ROOT, dir: clusterDir });
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('PostgreSQL with the shipped TLS configuration', () => {
  it('refuses an application login role without TLS (SQLSTATE 28000, pg_hba.conf: no encryption)', async () => {
    const r = await refusal(client(pgPort, false));
    expect(r.code).toBe('28000');
    expect(r.message).toMatch(new RegExp(`pg_hba\\.conf rejects connection for host "127\\.0\\.0\\.1", user "${LOGIN}", database "${DB}", no encryption`));
  });

  it('accepts it over TLS with a verified certificate, checks its SCRAM password, and withTenant runs as the app role', async () => {
    const c = client(pgPort, verified());
    await c.connect();
    try {
      const { rows } = await c.query<{ ssl: boolean; version: string }>('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(rows[0]).toMatchObject({ ssl: true });
      expect(rows[0]!.version).toMatch(/^TLSv1\.[23]$/);
    } finally {
      await c.end();
    }
    expect((await refusal(client(pgPort, verified(), 'wrong'))).code).toBe('28P01');

    const db = connect(`postgres://${LOGIN}:${PASSWORD}@127.0.0.1:${pgPort}/${DB}`, { ssl: verified() });
    try {
      const tenant = '00000000-0000-4000-8000-000000000001';
      const role = tenancy.roles.at(-1)!;
      const [row] = (await tenantRuntime(tenancy).withTenant(db, { tenantId: tenant, role }, (tx) =>
        tx.query(sql`SELECT current_user AS "user", current_setting(${tenancy.settings.tenant}) AS tenant`),
      )) as { user: string; tenant: string }[];
      expect(row).toEqual({ user: role, tenant });
    } finally {
      await db.dispose();
    }
  });

  it('refuses a role that is no application role over TCP without TLS as well', async () => {
    await queryOnce(adminUrl, `CREATE ROLE tls_other LOGIN PASSWORD '${PASSWORD}'`);
    const c = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'tls_other', password: PASSWORD, database: DB, ssl: false });
    c.on('error', () => undefined);
    const r = await refusal(c);
    expect(r.code).toBe('28000');
    expect(r.message).toMatch(/no encryption/);
  });
});

describe.skipIf(!bouncerBin)('PgBouncer with the shipped pgbouncer.ini', () => {
  it('refuses a client without TLS', async () => {
    const r = await refusal(client(bouncer!.port, false));
    expect(r.code).toBe('08P01');
    expect(r.message).toMatch(/SSL required/);
  });

  it('accepts it over TLS and reaches PostgreSQL over verified TLS as the login role', async () => {
    const c = client(bouncer!.port, bouncerVerified());
    await c.connect();
    try {
      const { rows } = await c.query<{ ssl: boolean; user: string }>('SELECT s.ssl, current_user AS "user" FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()');
      expect(rows[0]).toEqual({ ssl: true, user: LOGIN });
    } finally {
      await c.end();
    }
  });

  it('pools in transaction mode: two connected clients share one server connection, and no tenant context outlives its transaction', async () => {
    const a = client(bouncer!.port, bouncerVerified());
    const b = client(bouncer!.port, bouncerVerified());
    await a.connect();
    await b.connect();
    try {
      const pid = async (c: pg.Client) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // In session mode b would wait for a to disconnect (the pool holds one server connection).
      expect(await pid(b)).toBe(await pid(a));
      const db = connect(`postgres://${LOGIN}:${PASSWORD}@127.0.0.1:${bouncer!.port}/${DB}`, { ssl: bouncerVerified(), poolSize: 1 });
      try {
        await tenantRuntime(tenancy).withTenant(db, { tenantId: '00000000-0000-4000-8000-000000000002', role: tenancy.roles[0]! }, (tx) => tx.query(sql`SELECT 1`));
        // The same server connection, now serving client a: the role and tenant were local to the transaction.
        const { rows } = await a.query<{ user: string; tenant: string | null; pid: number }>(
          `SELECT current_user AS "user", nullif(current_setting($1, true), '') AS tenant, pg_backend_pid() AS pid`,
          [tenancy.settings.tenant],
        );
        expect(rows[0]).toEqual({ user: LOGIN, tenant: null, pid: await pid(b) });
      } finally {
        await db.dispose();
      }
    } finally {
      await a.end();
      await b.end();
    }
  });
});
