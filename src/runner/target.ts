/**
 * Which database `strata migrate` works on: `--database-url`/`DATABASE_URL` as
 * given, else database `strata_dev` on the embedded dev cluster (created on
 * first use, so `make migrate` works on a fresh checkout).
 */
import { databaseUrl, resolveServer } from '../cluster/index.js';
import { connect, sql } from '../db/connect.js';

export const DEV_DATABASE = 'strata_dev';

export interface MigrationTarget {
  url: string;
  /** True for DATABASE_URL / --database-url. */
  external: boolean;
}

export async function resolveMigrationTarget(opts: { cwd: string; databaseUrl?: string }): Promise<MigrationTarget> {
  const server = await resolveServer({ cwd: opts.cwd, databaseUrl: opts.databaseUrl });
  if (server.external) return { url: server.adminUrl, external: true };
  await ensureDatabase(server.adminUrl, DEV_DATABASE);
  return { url: databaseUrl(server.adminUrl, DEV_DATABASE), external: false };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const pool = connect(adminUrl, { poolSize: 1 });
  try {
    const rows = await pool.query(sql`SELECT 1 FROM pg_database WHERE datname = ${name}`);
    if (rows.length) return;
    try {
      await pool.query(sql`CREATE DATABASE ${sql.ident(name)}`);
    } catch (e) {
      // Another strata process created it between the check and here.
      if ((e as { code?: string }).code !== '42P04') throw e;
    }
  } finally {
    await pool.dispose();
  }
}
