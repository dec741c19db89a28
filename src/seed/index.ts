/**
 * Seeding the reference schema: deterministic development data, or a scaled
 * dataset for benchmarks, generated set-based in the database (seed/*.sql).
 *
 * Seeding writes a lot into a database, so it refuses any target whose name
 * (or URL) does not look like a development or scratch database unless forced.
 */
import { pgDiagnostic } from '../db/errors.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { StrataError, usageError } from '../core/diagnostic.js';

export interface SeedProfile {
  tenants: number;
  usersPerTenant: number;
  projectsPerTenant: number;
  requirementsPerProject: number;
  tasksPerProject: number;
  documentsPerTenant: number;
  eventsPerProject: number;
  months: number;
}

/** The development dataset: three named tenants, small enough to read. */
export const DEV_PROFILE: SeedProfile = {
  tenants: 3,
  usersPerTenant: 8,
  projectsPerTenant: 12,
  requirementsPerProject: 7,
  tasksPerProject: 15,
  documentsPerTenant: 9,
  eventsPerProject: 25,
  months: 4,
};

/** Scale N: 1,000·N projects, 10,000·N tasks (N = 1000 gives 1M projects and 10M tasks). */
export function scaleProfile(n: number): SeedProfile {
  if (!Number.isInteger(n) || n < 1) throw usageError(`--scale must be a positive integer, got ${n}`);
  return {
    tenants: 10 * n,
    usersPerTenant: 10,
    projectsPerTenant: 100,
    requirementsPerProject: 5,
    tasksPerProject: 10,
    documentsPerTenant: 6,
    eventsPerProject: 3,
    months: 6,
  };
}

export interface SeedOptions {
  /** Directory holding the seed SQL files (`seed/` of the project). */
  seedDir: string;
  profile: SeedProfile;
  /** The date every seeded timestamp is relative to; default: the first day of the current UTC month. */
  baseDate?: string;
  /** Run even when the target does not look like a dev or scratch database. */
  force?: boolean;
  /** Bulk mode: skip row triggers and FK checks (session_replication_role = replica). Data is consistent by construction. */
  bulk?: boolean;
}

export interface SeedResult {
  database: string;
  rows: Record<string, number>;
  elapsedMs: number;
}

const DEV_NAME = /(^|[_-])(dev|development|local|scratch|test|tests|tmp|temp|seed|bench|benchmark|demo|sandbox)([_-]|\d|$)/i;
const PROD_MARK = /(prod|production|live|primary|master)/i;

/** Whether `url` names a database that may be seeded without --force, and why not. */
export function seedTargetProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a postgres:// URL';
  }
  const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || u.username || 'postgres';
  if (PROD_MARK.test(`${u.hostname} ${db}`)) return `"${u.hostname}/${db}" looks like a production target`;
  if (!DEV_NAME.test(db)) return `database "${db}" does not look like a dev or scratch database (its name should contain dev, test, scratch, local, bench, ...)`;
  return undefined;
}

export function firstOfMonthUtc(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

export async function seedDatabase(url: string, opts: SeedOptions): Promise<SeedResult> {
  const problem = seedTargetProblem(url);
  if (problem && !opts.force) {
    throw new StrataError(
      { code: 'seed.target', severity: 'error', subject: 'seed', message: `refusing to seed: ${problem}`, hint: 'point DATABASE_URL at a dev database, or pass --force' },
      1,
    );
  }
  const files = (await readdir(opts.seedDir)).filter((f) => f.endsWith('.sql')).sort();
  if (files.length === 0) throw usageError(`no seed files in ${opts.seedDir}`);
  const baseDate = opts.baseDate ?? firstOfMonthUtc();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(baseDate)) throw usageError(`--base-date must be YYYY-MM-DD, got ${baseDate}`);

  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const started = performance.now();
  try {
    const [{ ok } = { ok: false }] = (await client.query<{ ok: boolean }>(`SELECT to_regclass('public.organizations') IS NOT NULL AS ok`)).rows;
    if (!ok) {
      throw new StrataError({ code: 'seed.schema', severity: 'error', subject: 'seed', message: 'the target has no reference schema (table organizations is missing)', hint: 'apply migrations/ (strata migrate) or schema/ first' });
    }
    const [{ n } = { n: '0' }] = (await client.query<{ n: string }>('SELECT count(*) AS n FROM organizations')).rows;
    if (Number(n) > 0) {
      throw new StrataError({ code: 'seed.not_empty', severity: 'error', subject: 'seed', message: `the target already holds ${n} organizations`, hint: 'seed into an empty database (seed ids are fixed, a second run would collide)' });
    }
    await client.query('BEGIN');
    // Seed statements are large single-pass inserts: allow them to run as long as they need.
    await client.query(`SET LOCAL statement_timeout = 0`);
    let deferred: string[] = [];
    if (opts.bulk) {
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      deferred = await dropSecondaryIndexes(client);
    }
    const p = opts.profile;
    await client.query(
      `CREATE TEMP TABLE seed_params ON COMMIT DROP AS
       SELECT $1::int AS tenants, $2::int AS users_per_tenant, $3::int AS projects_per_tenant,
              $4::int AS requirements_per_project, $5::int AS tasks_per_project, $6::int AS documents_per_tenant,
              $7::int AS events_per_project, $8::int AS months, ($9::date)::timestamp AT TIME ZONE 'UTC' AS base`,
      [p.tenants, p.usersPerTenant, p.projectsPerTenant, p.requirementsPerProject, p.tasksPerProject, p.documentsPerTenant, p.eventsPerProject, p.months, baseDate],
    );
    for (const f of files) {
      const text = await readFile(path.join(opts.seedDir, f), 'utf8');
      try {
        await client.query(text);
      } catch (e) {
        const d = pgDiagnostic(e, { code: 'seed.apply', subject: f }) ?? { code: 'seed.apply', severity: 'error' as const, subject: f, message: String((e as Error).message ?? e) };
        throw new StrataError({ ...d, message: `${f}: ${d.message}`, hint: undefined });
      }
    }
    // Building an index once over loaded rows is far cheaper than maintaining it row by row (GIN above all).
    for (const ddl of deferred) await client.query(ddl);
    await client.query('COMMIT');
    const counts = (
      await client.query<{ table_name: string; n: string }>(
        `SELECT c.relname AS table_name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text AS n
           FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          ORDER BY 1`,
      )
    ).rows;
    const rows: Record<string, number> = {};
    for (const r of counts) rows[r.table_name] = Number(r.n);
    return { database: new URL(url).pathname.slice(1), rows, elapsedMs: performance.now() - started };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

/**
 * Drop the indexes that back no constraint (so no primary key, unique or exclusion index) on public
 * tables and return their definitions, to be re-created after a bulk load in the same transaction.
 * Partition child indexes go with their parent's, and come back with it.
 */
async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; ddl: string }>(
    `SELECT format('%I.%I', n.nspname, ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS ddl
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = ic.relnamespace
      WHERE n.nspname = 'public'
        AND NOT tc.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.ddl);
}
