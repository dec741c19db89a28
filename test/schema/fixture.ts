/**
 * Scratch databases holding the reference schema (loaded from schema/ in path order, exactly as the
 * engine's shadow stage does; or, with STRATA_SCHEMA_SOURCE=migrations, built by running migrations/)
 * and, optionally, the deterministic dev seed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { testServer, type ScratchDb } from '../helpers/server.js';
import { listSqlFiles, loadStatements, readSources } from '../../src/source/index.js';
import { applyStatements } from '../../src/shadow/index.js';
import { firstOfMonthUtc, seedDatabase, seedProfile } from '../../src/seed/index.js';
import { loadConfig } from '../../src/config/index.js';
import { migrateUp } from '../../src/runner/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Seeded times are relative to this date. The first day of the current month keeps seeded sessions
 * (valid 60 days from it) live whenever the tests run, and rows identical within a run.
 */
export const BASE_DATE = firstOfMonthUtc();

/** The reference project's config (strata.config.json at the root). */
export const CONFIG = await loadConfig(ROOT);
/** The dev seed profile of the reference project. */
export const DEV_PROFILE = seedProfile(CONFIG, 'dev');

export async function schemaDb(opts: { seed?: boolean } = {}): Promise<ScratchDb> {
  const server = await testServer();
  const db = await server.scratch({ prefix: 'strata_ref_test' });
  try {
    if (process.env.STRATA_SCHEMA_SOURCE === 'migrations') {
      // The same tests against the database the engine-written migrations build.
      await migrateUp({ url: db.url, dir: path.join(ROOT, 'migrations'), dirLabel: 'migrations' });
    } else {
      const files = await readSources(await listSqlFiles(path.join(ROOT, 'schema')), ROOT);
      await applyStatements(db.url, await loadStatements(files));
    }
    if (opts.seed) {
      await seedDatabase(db.url, { seedDir: path.join(ROOT, 'seed'), profile: DEV_PROFILE, baseDate: BASE_DATE, force: true });
    }
  } catch (e) {
    await db.drop();
    throw e;
  }
  return db;
}

export async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** md5('kind:a[:b]')::uuid — the seed's id scheme, so tests can name seeded rows. */
export function sid(c: pg.Client, kind: string, a: number, b?: number): Promise<string> {
  return c.query<{ id: string }>(`SELECT md5($1)::uuid::text AS id`, [`${kind}:${a}${b === undefined ? '' : `:${b}`}`]).then((r) => r.rows[0]!.id);
}

export type AppRole = 'app_admin' | 'app_analyst' | 'app_viewer' | 'app_system';

/**
 * Run `fn` in a transaction as `role` with the tenant settings given (raw text, so tests can pass
 * empty or malformed values), then roll back.
 */
export async function asRole<T>(
  c: pg.Client,
  role: AppRole,
  settings: { tenant?: string | null; user?: string | null },
  fn: () => Promise<T>,
): Promise<T> {
  await c.query('BEGIN');
  try {
    await c.query(`SELECT set_config('role', $1, true)`, [role]);
    if (settings.tenant != null) await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [settings.tenant]);
    if (settings.user != null) await c.query(`SELECT set_config('app.user_id', $1, true)`, [settings.user]);
    return await fn();
  } finally {
    await c.query('ROLLBACK');
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string; constraint?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string; constraint?: string };
  }
  throw new Error('expected the statement to fail, but it succeeded');
}
