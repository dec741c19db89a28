/**
 * A database seeded at `strata seed --scale N` that outlives the bench run: building scale 200 takes
 * minutes, so it is kept between runs and reused while its inputs (migrations, seed files, the seed
 * profile, N and the base date) are unchanged. Its name carries a hash of those inputs; a kept
 * database of the same N but other inputs is dropped when a new one is built (one dataset per N on disk).
 * It lives in the default tablespace, not the in-memory one scratch databases use (gigabytes), and
 * outside the scratch prefix, so no leftover sweep drops it. `BENCH_DROP=1` drops it after the run.
 *
 * A new migration changes the hash but not the data: a kept database of the same N whose applied
 * migrations are a prefix of migrations/ and whose name is the hash of these same inputs with
 * migrations/ cut to that prefix is migrated forward by the runner (as production would be), its
 * changed tables analysed, and renamed to the new hash, instead of being seeded again for many minutes.
 * Before each use the tables holding dead rows (the rolled-back writes of earlier bench runs) are
 * vacuumed, so every run measures the dataset as the build left it.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, type ServerTarget } from '../../src/cluster/index.js';
import { loadConfig } from '../../src/config/index.js';
import { adminQuery } from '../../src/db/admin.js';
import { diffObjects } from '../../src/diff/index.js';
import { ATLAS_SUM_FILE, readMigrationDir, sumFlavour, writeAtlasSum } from '../../src/migrations/index.js';
import { migrateStatus, migrateUp } from '../../src/runner/index.js';
import { firstOfMonthUtc, seedDatabase, seedProfile, type SeedResult } from '../../src/seed/index.js';
import { buildInto, snapshotDatabase } from '../../src/state/index.js';
import { connectClient, projectSource } from '../../src/testing/index.js';
import { hashInputs } from '../../src/testing/shared.js';

const PREFIX = 'strata_bench_seed_';

export interface SeededDatabase {
  name: string;
  url: string;
  /** Whether an existing database was reused (no build this run). */
  reused: boolean;
  /** What the build measured (analyzeMs: the VACUUM (ANALYZE) after the load; this run's, or the one recorded when the reused database was built). */
  build: Build;
  /** This run's migration forward of a kept database, when there was one. */
  migrated?: Forward;
  /** Tables vacuumed before this run (they held dead rows), and how long that took. */
  vacuumed: { tables: string[]; ms: number };
  drop(): Promise<void>;
}

/** One migration forward of a kept database: which database it was, what the runner applied, and the ANALYZE after it. */
export interface Forward {
  from: string;
  at: string;
  applied: { version: string; name: string; ms: number }[];
  analyzed: string[];
  analyzeMs: number;
  load: string;
}

type Build = {
  seed: SeedResult;
  buildMs: number;
  seedMs: number;
  analyzeMs: number;
  bytes: number;
  at: string;
  load?: string;
  /** Migrations applied to the build later, oldest first (the build itself ran the ones before). */
  forwards?: Forward[];
};

/** The build records of every kept seeded database (any N, any inputs), smallest N first. */
export async function keptBuilds(server: ServerTarget): Promise<{ name: string; scale: number; build: Build }[]> {
  const rows = await adminQuery<{ datname: string; note: string | null }>(
    server.adminUrl,
    `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE starts_with(datname, $1)`,
    [PREFIX],
  );
  return rows
    .filter((r) => r.note)
    .map((r) => {
      const build = JSON.parse(r.note!) as Build;
      return { name: r.datname, scale: build.seed.scale, build };
    })
    .sort((a, b) => a.scale - b.scale);
}

const loadNow = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/**
 * The kept database's name: a hash of the state source (migrations/, or the files given as `migrationsDir`
 * standing in for it), the seed files, the profile, N and the base date.
 */
async function datasetName(source: Awaited<ReturnType<typeof projectSource>>, migrationsDir: string | undefined, seedDir: string, meta: object, scale: number): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(meta));
  await hashInputs(hash, migrationsDir ?? (source.kind === 'sqlFile' ? source.file : source.dir));
  await hashInputs(hash, seedDir);
  return `${PREFIX}s${scale}_${hash.digest('hex').slice(0, 16)}`;
}

async function note(server: ServerTarget, name: string, build: Build): Promise<void> {
  await adminQuery(server.adminUrl, `COMMENT ON DATABASE ${pg.escapeIdentifier(name)} IS ${pg.escapeLiteral(JSON.stringify(build))}`);
}

export async function seededDatabase(root: string, server: ServerTarget, scale: number, log: (line: string) => void = () => undefined): Promise<SeededDatabase> {
  const config = await loadConfig(root);
  const source = await projectSource(config);
  const profile = seedProfile(config, 'scale');
  const baseDate = firstOfMonthUtc();
  const meta = { source: source.kind, profile, scale, baseDate };
  const name = await datasetName(source, undefined, config.paths.seed, meta, scale);
  const url = databaseUrl(server.adminUrl, name);
  const drop = () => adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).then(() => undefined);

  // The build's record is the database comment, written in the last step: a database without it died half-way.
  const found = await adminQuery<{ datname: string; note: string | null }>(
    server.adminUrl,
    `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE starts_with(datname, $1)`,
    [PREFIX],
  );
  const mine = found.find((r) => r.datname === name);
  if (mine?.note) {
    log(`reusing ${name} (built ${JSON.parse(mine.note).at})`);
    return { name, url, reused: true, build: JSON.parse(mine.note) as Build, vacuumed: await settle(url, log), drop };
  }
  const sameScale = found.filter((f) => f.datname.startsWith(`${PREFIX}s${scale}_`));
  if (source.kind === 'migrationsDir') {
    for (const r of sameScale.filter((f) => f.note)) {
      const forward = await migrateForward(server, r.datname, JSON.parse(r.note!) as Build, { source, dir: source.dir, name, seedDir: config.paths.seed, meta, scale }, log);
      if (forward) return { name, url, reused: true, build: forward.build, migrated: forward.step, vacuumed: await settle(url, log), drop };
    }
  }
  for (const r of sameScale) {
    log(`dropping ${r.datname} (other inputs)`);
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
  }
  await adminQuery(server.adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0`);
  try {
    const loadAt = loadNow();
    const t0 = performance.now();
    await buildInto(source, url);
    const t1 = performance.now();
    log(`built the schema in ${((t1 - t0) / 1000).toFixed(1)} s; seeding --scale ${scale}`);
    const seed = await seedDatabase(url, { seedDir: config.paths.seed, profile, scale, baseDate, force: true, bulk: true });
    const t2 = performance.now();
    log(`seeded in ${((t2 - t1) / 1000).toFixed(1)} s; VACUUM (ANALYZE)`);
    const c = await connectClient(url);
    let bytes: number;
    try {
      // After a bulk load: statistics for the planner, and the visibility map set (index-only scans, no
      // hint-bit writes or autovacuum pass landing in the middle of the measurement).
      await c.query('VACUUM (ANALYZE)');
      bytes = Number((await c.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0]!.b);
    } finally {
      await c.end();
    }
    const t3 = performance.now();
    const load = `${loadAt} at the start, ${loadNow()} at the end`;
    const build = { seed, buildMs: t1 - t0, seedMs: t2 - t1, analyzeMs: t3 - t2, bytes, at: new Date().toISOString(), load };
    await note(server, name, build);
    return { name, url, reused: false, build, vacuumed: { tables: [], ms: 0 }, drop };
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
}

/**
 * Migrate kept database `old` forward to the current migrations when it is the same dataset at an
 * earlier migration: its history is a prefix of migrations/ (same checksums, nothing dirty or changed),
 * and its name is what these inputs hash to with migrations/ cut to that prefix (atlas.sum rewritten for
 * the prefix the way `strata diff` wrote it). The runner applies the rest; the tables whose catalog the
 * migrations changed are analysed; the database takes the new name and its record says where it came from.
 * Returns undefined (and touches nothing) when `old` is not such a database.
 */
async function migrateForward(
  server: ServerTarget,
  old: string,
  build: Build,
  want: { source: Awaited<ReturnType<typeof projectSource>>; dir: string; name: string; seedDir: string; meta: object; scale: number },
  log: (line: string) => void,
): Promise<{ build: Build; step: Forward } | undefined> {
  const oldUrl = databaseUrl(server.adminUrl, old);
  const status = await migrateStatus({ url: oldUrl, dir: want.dir });
  const states = status.entries.map((e) => e.state);
  const applied = states.filter((s) => s === 'applied').length;
  const prefix = applied > 0 && states.every((s, i) => (i < applied ? s === 'applied' : s === 'pending'));
  if (status.problems.length || !prefix || applied === states.length) return undefined;

  const dir = await readMigrationDir(want.dir);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-forward-'));
  try {
    // The directory as it was: everything but the pending migrations' files (and atlas.sum, rewritten below).
    const later = new Set(dir.migrations.slice(applied).flatMap((m) => [m.up, m.down]).flatMap((f) => (f ? [path.resolve(f.path)] : [])));
    await cp(want.dir, tmp, { recursive: true, filter: (f) => !later.has(path.resolve(f)) && path.basename(f) !== ATLAS_SUM_FILE });
    const sum = await readFile(path.join(want.dir, ATLAS_SUM_FILE), 'utf8').catch(() => undefined);
    if (sum !== undefined) await writeAtlasSum(tmp, sumFlavour(sum));
    if ((await datasetName(want.source, tmp, want.seedDir, want.meta, want.scale)) !== old) return undefined;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const pending = status.entries.slice(applied).map((e) => `${e.version}_${e.name}`);
  log(`migrating ${old} forward: ${pending.join(', ')}`);
  const before = await snapshotDatabase(oldUrl);
  const result = await migrateUp({ url: oldUrl, dir: want.dir, appliedBy: 'bench (migrate forward)' });
  const after = await snapshotDatabase(oldUrl);
  // The tables whose own catalog entry or whose indexes, constraints, policies... the migrations changed.
  const tables = new Set<string>();
  const live = new Set(after.objects.filter((o) => o.kind === 'table').map((o) => (o as { qname: string }).qname));
  for (const c of diffObjects(before, after)) {
    const o = (c.op === 'drop' ? c.from : c.to) as { kind: string; qname?: string; table?: string };
    const t = o.kind === 'table' ? o.qname : o.table;
    if (t && live.has(t)) tables.add(t);
  }
  const t0 = performance.now();
  const c = await connectClient(oldUrl);
  try {
    for (const t of tables) await c.query(`ANALYZE ${t}`);
  } finally {
    await c.end();
  }
  const step: Forward = {
    from: old,
    at: new Date().toISOString(),
    applied: result.applied,
    analyzed: [...tables].sort(),
    analyzeMs: performance.now() - t0,
    load: loadNow(),
  };
  const next = { ...build, forwards: [...(build.forwards ?? []), step] };
  await adminQuery(server.adminUrl, `ALTER DATABASE ${pg.escapeIdentifier(old)} RENAME TO ${pg.escapeIdentifier(want.name)}`);
  await note(server, want.name, next);
  log(`migrated forward in ${(result.applied.reduce((a, m) => a + m.ms, 0) / 1000).toFixed(1)} s (ANALYZE ${step.analyzed.join(', ') || 'nothing'}); now ${want.name}`);
  return { build: next, step };
}

/**
 * VACUUM the tables that hold dead rows: the bench's writes run in savepoints it rolls back, which leaves
 * dead heap tuples and index entries behind in the kept database, run after run, all under the same
 * tenant and user the reads then walk. INDEX_CLEANUP ON, since VACUUM otherwise skips the index pass
 * when few heap pages have dead rows, and it is the index entries the reads stumble over.
 */
async function settle(url: string, log: (line: string) => void): Promise<{ tables: string[]; ms: number }> {
  const c = await connectClient(url);
  try {
    const t0 = performance.now();
    const dirty = (
      await c.query<{ t: string }>(
        `SELECT format('%I.%I', schemaname, relname) AS t FROM pg_stat_user_tables WHERE n_dead_tup > 0 ORDER BY 1`,
      )
    ).rows.map((r) => r.t);
    for (const t of dirty) await c.query(`VACUUM (INDEX_CLEANUP ON) ${t}`);
    const ms = performance.now() - t0;
    if (dirty.length) log(`vacuumed ${dirty.length} tables holding dead rows of earlier runs in ${(ms / 1000).toFixed(1)} s`);
    return { tables: dirty, ms };
  } finally {
    await c.end();
  }
}
