/**
 * Seeding: the project's seed SQL files (`seed/*.sql`, in name order) run in one
 * transaction, with the parameters of a named profile from the project config's
 * `seedProfiles` section in the temp table `seed_params`. What the data is (and
 * which tables it fills) belongs to the project's seed files; this module knows
 * no table of any schema.
 *
 * Seeding writes a lot into a database, so it refuses any target whose name
 * (or URL) does not look like a development or scratch database unless forced,
 * a target without tables (no schema yet) and a target whose tables already
 * hold rows (seed ids are usually fixed, a second run would collide).
 */
import { pgDiagnostic } from '../db/errors.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { StrataError, usageError } from '../core/diagnostic.js';
import type { ProjectConfig } from '../config/index.js';
import { configError } from '../config/index.js';
import { BOOKKEEPING_SCHEMAS } from '../state/bookkeeping.js';

/** A parameter is a fixed integer or `perScale · N` (written "k*N" in the config). */
export type SeedParam = { value: number } | { perScale: number };

export interface SeedProfile {
  name: string;
  /** Bulk mode by default for this profile (the CLI's --bulk forces it on). */
  bulk: boolean;
  /** `seed_params` columns (lower-case identifiers) and their values. */
  params: Record<string, SeedParam>;
}

export interface SeedOptions {
  /** Directory holding the seed SQL files (`seed/` of the project). */
  seedDir: string;
  profile: SeedProfile;
  /** N of the profile's "k*N" parameters, also in `seed_params.scale`; default 1. */
  scale?: number;
  /** The date every seeded timestamp is relative to (`seed_params.base`); default: the first day of the current UTC month. */
  baseDate?: string;
  /** Run even when the target does not look like a dev or scratch database. */
  force?: boolean;
  /** Bulk mode: skip row triggers and FK checks (session_replication_role = replica). Default: the profile's. */
  bulk?: boolean;
}

export interface SeedResult {
  database: string;
  profile: string;
  scale: number;
  /** Rows per table after seeding (`table` in public, `schema.table` elsewhere). */
  rows: Record<string, number>;
  elapsedMs: number;
}

const PARAM = /^[a-z_][a-z0-9_]*$/;
const RESERVED = new Set(['base', 'scale']);
const INT_MAX = 2 ** 31 - 1;

/** The profiles of the config's `seedProfiles` section, checked (a wrong shape is a config error). */
export function seedProfiles(config: ProjectConfig): Record<string, SeedProfile> {
  const raw = config.section('seedProfiles');
  const label = config.file ? path.relative(process.cwd(), config.file) || 'strata.config.json' : 'strata.config.json';
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw configError(label, '"seedProfiles" must be an object of named profiles');
  const out: Record<string, SeedProfile> = {};
  for (const [name, p] of Object.entries(raw as Record<string, unknown>)) {
    const at = `"seedProfiles.${name}"`;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw configError(label, `${at} must be an object { "bulk"?, "params" }`);
    const { bulk = false, params = {}, ...rest } = p as { bulk?: unknown; params?: unknown };
    const extra = Object.keys(rest);
    if (extra.length) throw configError(label, `${at}: unknown key "${extra[0]}"`, undefined, 'a profile has "params" and optionally "bulk"');
    if (typeof bulk !== 'boolean') throw configError(label, `${at}.bulk must be true or false`);
    if (params === null || typeof params !== 'object' || Array.isArray(params)) throw configError(label, `${at}.params must be an object of integer parameters`);
    const checked: Record<string, SeedParam> = {};
    for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
      if (!PARAM.test(k) || RESERVED.has(k)) throw configError(label, `${at}.params: "${k}" must be a lower-case identifier other than base and scale`);
      const param = seedParam(v);
      if (!param) throw configError(label, `${at}.params.${k} must be an integer or "k*N" (k an integer, N the --scale)`);
      checked[k] = param;
    }
    out[name] = { name, bulk, params: checked };
  }
  return out;
}

function seedParam(v: unknown): SeedParam | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && Math.abs(v) <= INT_MAX ? { value: v } : undefined;
  if (typeof v !== 'string') return undefined;
  // Only a linear factor of N: the formula stays readable in the config and needs no evaluator.
  const m = /^\s*(?:(-?\d+)\s*\*\s*N|N\s*\*\s*(-?\d+)|(N))\s*$/.exec(v);
  if (!m) return undefined;
  const k = Number(m[1] ?? m[2] ?? 1);
  return Number.isSafeInteger(k) && Math.abs(k) <= INT_MAX ? { perScale: k } : undefined;
}

/** The named profile, or a usage error listing the configured ones. */
export function seedProfile(config: ProjectConfig, name: string): SeedProfile {
  const all = seedProfiles(config);
  const p = all[name];
  if (p) return p;
  const names = Object.keys(all);
  throw usageError(
    `no seed profile "${name}" in the project config`,
    names.length ? `configured profiles: ${names.join(', ')}` : 'add a "seedProfiles" section to strata.config.json, e.g. {"dev": {"params": {...}}}',
  );
}

/** The profile's parameters for scale N (the values written to `seed_params`). */
export function seedParams(profile: SeedProfile, scale = 1): Record<string, number> {
  if (!Number.isInteger(scale) || scale < 1) throw usageError(`--scale must be a positive integer, got ${scale}`);
  const out: Record<string, number> = {};
  for (const [k, p] of Object.entries(profile.params)) {
    const v = 'value' in p ? p.value : p.perScale * scale;
    if (Math.abs(v) > INT_MAX) throw usageError(`seed profile "${profile.name}": ${k} = ${v} at scale ${scale} is out of the integer range`);
    out[k] = v;
  }
  return out;
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

/**
 * The application's tables: ordinary and partitioned tables (not partitions) outside the system
 * schemas, the migration bookkeeping schemas and extensions. `$1` is the bookkeeping schema list.
 */
const USER_TABLES = `
  SELECT n.nspname AS schema, c.relname AS name, format('%I.%I', n.nspname, c.relname) AS qname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     AND n.nspname <> ALL ($1::text[])
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
   ORDER BY 1, 2`;

type Table = { schema: string; name: string; qname: string };

async function userTables(client: pg.Client | pg.PoolClient): Promise<Table[]> {
  return (await client.query<Table>(USER_TABLES, [BOOKKEEPING_SCHEMAS])).rows;
}

/** Whether the database at `url` has any application table (a schema to seed into). */
export async function hasUserTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await userTables(client)).length > 0;
  } finally {
    await client.end();
  }
}

/** The tables that hold at least one row (one query over all of them). */
async function tablesWithRows(client: pg.Client, tables: Table[]): Promise<string[]> {
  if (!tables.length) return [];
  const probe = tables.map((t, i) => `SELECT ${i} AS i WHERE EXISTS (SELECT 1 FROM ${t.qname})`).join(' UNION ALL ');
  return (await client.query<{ i: number }>(probe)).rows.map((r) => label(tables[r.i]!));
}

const label = (t: Table) => (t.schema === 'public' ? t.name : `${t.schema}.${t.name}`);

export async function seedDatabase(url: string, opts: SeedOptions): Promise<SeedResult> {
  const problem = seedTargetProblem(url);
  if (problem && !opts.force) {
    throw new StrataError(
      { code: 'seed.target', severity: 'error', subject: 'seed', message: `refusing to seed: ${problem}`, hint: 'point DATABASE_URL at a dev database, or pass --force' },
      1,
    );
  }
  const scale = opts.scale ?? 1;
  const params = seedParams(opts.profile, scale);
  const files = (await readdir(opts.seedDir)).filter((f) => f.endsWith('.sql')).sort();
  if (files.length === 0) throw usageError(`no seed files in ${opts.seedDir}`);
  const baseDate = opts.baseDate ?? firstOfMonthUtc();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(baseDate)) throw usageError(`--base-date must be YYYY-MM-DD, got ${baseDate}`);

  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  const started = performance.now();
  try {
    const tables = await userTables(client);
    if (!tables.length) {
      throw new StrataError({ code: 'seed.no-schema', severity: 'error', subject: 'seed', message: 'the target has no tables to seed', hint: 'apply migrations/ (strata migrate) or schema/ first' });
    }
    const full = await tablesWithRows(client, tables);
    if (full.length) {
      const shown = full.slice(0, 5).join(', ') + (full.length > 5 ? `, ... (${full.length} tables)` : '');
      throw new StrataError({ code: 'seed.not-empty', severity: 'error', subject: 'seed', message: `the target already holds rows (in ${shown})`, hint: 'seed into an empty database (seed ids are fixed, a second run would collide)' });
    }
    await client.query('BEGIN');
    // Seed statements are large single-pass inserts: allow them to run as long as they need.
    await client.query(`SET LOCAL statement_timeout = 0`);
    let deferred: string[] = [];
    if (opts.bulk ?? opts.profile.bulk) {
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      deferred = await dropSecondaryIndexes(client);
    }
    // Column names are checked lower-case identifiers (seedProfiles), values are bound parameters.
    const names = Object.keys(params);
    const cols = names.map((k, i) => `$${i + 3}::int AS "${k}"`);
    await client.query(
      `CREATE TEMP TABLE seed_params ON COMMIT DROP AS
       SELECT ${[...cols, `$1::int AS scale`, `($2::date)::timestamp AT TIME ZONE 'UTC' AS base`].join(', ')}`,
      [scale, baseDate, ...names.map((k) => params[k])],
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
    return { database: new URL(url).pathname.slice(1), profile: opts.profile.name, scale, rows: await rowCounts(client, tables), elapsedMs: performance.now() - started };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function rowCounts(client: pg.Client, tables: Table[]): Promise<Record<string, number>> {
  const counts = tables.map((t, i) => `SELECT ${i} AS i, count(*) AS n FROM ${t.qname}`).join(' UNION ALL ');
  const rows: Record<string, number> = {};
  for (const r of (await client.query<{ i: number; n: string }>(counts)).rows) rows[label(tables[r.i]!)] = Number(r.n);
  return rows;
}

/**
 * Drop the indexes that back no constraint (so no primary key, unique or exclusion index) on the
 * application's tables and return their definitions, to be re-created after a bulk load in the same
 * transaction. Partition child indexes go with their parent's, and come back with it.
 */
async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; ddl: string }>(
    `WITH t AS (${USER_TABLES})
     SELECT format('%I.%I', n.nspname, ic.relname) AS name,
            -- pg_get_indexdef says ON ONLY for a partitioned index; re-run as is it would build no partition's index.
            CASE WHEN ic.relkind = 'I' AND substr(d.def, h.len + 1, 9) = ' ON ONLY '
                 THEN left(d.def, h.len) || ' ON ' || substr(d.def, h.len + 10)
                 ELSE d.def END AS ddl
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = ic.relnamespace
      CROSS JOIN LATERAL (SELECT pg_get_indexdef(i.indexrelid) AS def) d
      CROSS JOIN LATERAL (SELECT length(format('CREATE %sINDEX %I', CASE WHEN i.indisunique THEN 'UNIQUE ' END, ic.relname)) AS len) h
      WHERE i.indrelid IN (SELECT qname::regclass FROM t)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [BOOKKEEPING_SCHEMAS],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.ddl);
}
