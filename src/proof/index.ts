/**
 * Plans are proven before they are written. The planned up and down files are
 * replayed by the runner on a scratch copy of the from-state (the migrations
 * folder as `strata migrate up` builds it, with the project's seed rows loaded
 * when they load): after up the catalog must equal the desired state, after
 * down it must equal the from-state again. A plan that does not converge comes
 * back with its residual differences, and the caller writes nothing.
 */
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerTarget } from '../cluster/index.js';
import { StrataError, type Diagnostic } from '../core/diagnostic.js';
import type { Snapshot } from '../core/model/index.js';
import type { Difference } from '../diff/index.js';
import { diffSnapshots, snapshotDifferences, type DiffOptions, type MigrationPlan } from '../engine/index.js';
import { formatStateHeader, nextVersion, readMigrationDir, writeAtlasSum, type StateHeader } from '../migrations/index.js';
import { migrateDown, migrateUp } from '../runner/index.js';
import { applyFilter, type ObjectFilter } from '../core/filter.js';
import { buildSnapshot, fingerprint, refuseUncastable, snapshotDatabase, uncastableChanges, withState } from '../state/index.js';

export interface PlanMigrationOptions extends DiffOptions {
  server: ServerTarget;
  schemaDir: string;
  migrationsDir: string;
  /** Migration name; the files are `<version>_<name>.up.sql` / `.down.sql`. */
  name: string;
  /** Prove the plan (default true). */
  verify?: boolean;
  /** Loads rows into the from-state before the proof (the project's seed); a failure is reported, not fatal. */
  seed?: (url: string) => Promise<void>;
  /** The version to give the migration (default: a UTC timestamp past the latest one). */
  version?: string;
  onStep?: (label: string) => void;
  /** Objects left out of both states and of the proof's comparisons (src/core/filter.ts). */
  filter?: ObjectFilter;
}

/**
 * `created`: ids of the objects the seed itself made (event partitions a seeded function creates,
 * say). They are data, not schema: neither state has them, so the proof's comparisons leave them out.
 */
export type SeedOutcome = { loaded: true; created?: string[] } | { loaded: false; reason: string };

export type Proof =
  | { status: 'proven'; seed: SeedOutcome; ms: number }
  | { status: 'skipped' }
  | { status: 'failed'; stage: 'up' | 'down'; seed: SeedOutcome; error?: Diagnostic; residual: Difference[] };

export interface PlannedMigration {
  from: Snapshot;
  desired: Snapshot;
  plan: MigrationPlan;
  version: string;
  /** File names and contents, header included: exactly the bytes that were proven. */
  files: { up: { name: string; content: string }; down: { name: string; content: string } };
  header: StateHeader;
  proof: Proof;
  /**
   * An online plan's further migrations, in order, after the first one (which is
   * `version`/`files`/`header`): the steps that run outside a transaction.
   */
  following?: PlannedFiles[];
}

export interface PlannedFiles {
  version: string;
  files: PlannedMigration['files'];
  header: StateHeader;
}

/** Plan the next migration of a project (migrations folder → schema folder) and prove it. */
export async function planMigration(opts: PlanMigrationOptions): Promise<PlannedMigration> {
  const desiredBuild = buildSnapshot({ kind: 'schemaDir', dir: opts.schemaDir }, opts.server, { filter: opts.filter });
  desiredBuild.catch(() => undefined); // awaited below; keeps an early failure of the other build from leaving it unhandled
  const existing = (await readMigrationDir(opts.migrationsDir)).migrations;
  return withState({ kind: 'migrationsDir', dir: opts.migrationsDir }, opts.server, async (current) => {
    const desired = await desiredBuild;
    await refuseUncastable(await uncastableChanges(current.url, current.snapshot, desired), desired, { kind: 'schemaDir', dir: opts.schemaDir });
    const plan = diffSnapshots(current.snapshot, desired, opts);
    const header = { from: fingerprint(current.snapshot), to: fingerprint(desired) };
    const version = opts.version ?? nextVersion(existing);
    const base = `${version}_${opts.name}`;
    const files = {
      up: { name: `${base}.up.sql`, content: withHeader(plan.up, header) },
      down: { name: `${base}.down.sql`, content: withHeader(plan.down, { from: header.to, to: header.from }) },
    };
    const result = { from: current.snapshot, desired, plan, version, files, header };
    if (plan.phases && plan.phases.length > 1) return planPhases(opts, current, desired, { ...result, phases: plan.phases }, existing.length > 0);
    if (!plan.steps.length || opts.verify === false) return { ...result, proof: { status: 'skipped' } };
    const seed: SeedOutcome = existing.length && opts.seed ? await trySeed(opts.seed, current, opts.filter) : { loaded: false, reason: existing.length ? 'the project has no seed' : 'the from-state is empty' };
    opts.onStep?.('prove');
    return { ...result, proof: await prove(current.url, opts, [files], [current.snapshot, desired], seed) };
  }, { filter: opts.filter });
}

/**
 * An online plan in two migrations. Their down files and the state headers need the
 * state between them, which only PostgreSQL can tell: the runner applies the first
 * up file to the from-state, the catalog is read, and the first down file (planned
 * from that state) must take it back. Then all four files are proven like one pair.
 */
async function planPhases(
  opts: PlanMigrationOptions,
  current: { url: string; snapshot: Snapshot },
  desired: Snapshot,
  result: Omit<PlannedMigration, 'proof'> & { phases: NonNullable<MigrationPlan['phases']> },
  hasHistory: boolean,
): Promise<PlannedMigration> {
  const { phases, ...base } = result;
  const verify = opts.verify !== false;
  const seed: SeedOutcome = !verify
    ? { loaded: false, reason: 'not proven' }
    : hasHistory && opts.seed
      ? await trySeed(opts.seed, current, opts.filter)
      : { loaded: false, reason: hasHistory ? 'the project has no seed' : 'the from-state is empty' };
  const firstName = base.files.up.name;
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-phase-'));
  let mid: Snapshot;
  let firstDown: MigrationPlan;
  try {
    await copyMigrations(opts.migrationsDir, dir);
    await writeFile(path.join(dir, firstName), phases[0]!.up);
    await writeAtlasSum(dir);
    const run = { url: current.url, dir, appliedBy: 'strata diff (online plan)' };
    try {
      await migrateUp(run);
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      return { ...base, proof: { status: 'failed', stage: 'up', seed, error: e.diagnostic, residual: [] } };
    }
    mid = await readState(current.url, opts.filter, seed);
    firstDown = diffSnapshots(current.snapshot, mid, opts);
    await writeFile(path.join(dir, base.files.down.name), firstDown.down);
    await writeAtlasSum(dir);
    try {
      await migrateDown({ ...run, steps: 1 });
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      return { ...base, proof: { status: 'failed', stage: 'down', seed, error: e.diagnostic, residual: [] } };
    }
    const residual = snapshotDifferences(current.snapshot, await readState(current.url, opts.filter, seed), opts);
    if (residual.length) return { ...base, proof: { status: 'failed', stage: 'down', seed, residual } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const fp = [fingerprint(current.snapshot), fingerprint(mid), fingerprint(desired)];
  const second = diffSnapshots(mid, desired, opts);
  const secondVersion = (BigInt(base.version) + 1n).toString();
  const secondBase = `${secondVersion}_${opts.name}_online`;
  const header = { from: fp[0]!, to: fp[1]! };
  const files = {
    up: { name: firstName, content: withHeader(phases[0]!.up, header) },
    down: { name: base.files.down.name, content: withHeader(firstDown.down, { from: fp[1]!, to: fp[0]! }) },
  };
  const following: PlannedFiles[] = [
    {
      version: secondVersion,
      header: { from: fp[1]!, to: fp[2]! },
      files: {
        up: { name: `${secondBase}.up.sql`, content: withHeader(phases[1]!.up, { from: fp[1]!, to: fp[2]! }) },
        down: { name: `${secondBase}.down.sql`, content: withHeader(second.down, { from: fp[2]!, to: fp[1]! }) },
      },
    },
  ];
  const planned = { ...base, files, header, following };
  if (!verify) return { ...planned, proof: { status: 'skipped' } };
  opts.onStep?.('prove');
  const proof = await prove(current.url, opts, [files, following[0]!.files], [current.snapshot, mid, desired], seed);
  return { ...planned, proof };
}

async function copyMigrations(from: string, to: string): Promise<void> {
  for (const n of await readdir(from).catch(() => [] as string[])) if (n.endsWith('.sql')) await copyFile(path.join(from, n), path.join(to, n));
}

/** Write a planned migration into the folder and refresh atlas.sum; returns the paths written. */
export async function writePlannedMigration(dir: string, planned: PlannedMigration): Promise<string[]> {
  const written: string[] = [];
  for (const f of [planned.files, ...(planned.following ?? []).map((x) => x.files)].flatMap((x) => [x.up, x.down])) {
    const p = path.join(dir, f.name);
    await writeFile(p, f.content, { flag: 'wx' });
    written.push(p);
  }
  await writeAtlasSum(dir);
  return written;
}

/** The residual of a failed proof as one error (object, field, expected, actual per line). */
export function proofError(proof: Extract<Proof, { status: 'failed' }>, describe: (ds: Difference[]) => string): StrataError {
  const where = proof.stage === 'up' ? 'after up, the database differs from the desired state' : 'after down, the database differs from the state before up';
  const message = proof.error
    ? `the planned migration fails to ${proof.stage === 'up' ? 'apply' : 'roll back'}: ${proof.error.message}`
    : `the planned migration does not converge: ${where} (${proof.residual.length} difference${proof.residual.length === 1 ? '' : 's'})`;
  return new StrataError({
    code: 'proof.unproven',
    severity: 'error',
    subject: 'diff',
    message,
    location: proof.error?.location,
    detail: [proof.error?.detail, proof.residual.length ? describe(proof.residual).trimEnd() : undefined].filter(Boolean).join('\n') || undefined,
    hint: 'nothing was written. This is a strata bug or a state PostgreSQL cannot reach by DDL; please report it with both states. --no-verify writes the files unproven.',
  });
}

function withHeader(sql: string, header: StateHeader): string {
  return sql ? formatStateHeader(header) + sql : sql;
}

async function trySeed(seed: (url: string) => Promise<void>, current: { url: string; snapshot: Snapshot }, filter: ObjectFilter | undefined): Promise<SeedOutcome> {
  try {
    await seed(current.url);
    const before = new Set(current.snapshot.objects.map((o) => o.id));
    const created = applyFilter(await snapshotDatabase(current.url), filter).objects.map((o) => o.id).filter((id) => !before.has(id));
    return created.length ? { loaded: true, created } : { loaded: true };
  } catch (e) {
    const d = e instanceof StrataError ? e.diagnostic.message : (e as Error).message;
    return { loaded: false, reason: `the seed does not load on the from-state: ${d}` };
  }
}

/** The catalog of the proof's database, without the objects the seed created. */
async function readState(url: string, filter: ObjectFilter | undefined, seed: SeedOutcome): Promise<Snapshot> {
  const s = applyFilter(await snapshotDatabase(url), filter);
  if (!seed.loaded || !seed.created) return s;
  const created = new Set(seed.created);
  return { ...s, objects: s.objects.filter((o) => !created.has(o.id)) };
}

/**
 * `pairs` are migrations in order and `states[i]` the state before `pairs[i]`
 * (the last one the desired state): up applies them all, then each down must
 * bring back the state before its migration.
 */
async function prove(
  url: string,
  opts: PlanMigrationOptions,
  pairs: PlannedMigration['files'][],
  states: Snapshot[],
  seed: SeedOutcome,
): Promise<Proof> {
  const t0 = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'strata-proof-'));
  try {
    await copyMigrations(opts.migrationsDir, dir);
    for (const files of pairs) {
      await writeFile(path.join(dir, files.up.name), files.up.content);
      await writeFile(path.join(dir, files.down.name), files.down.content);
    }
    await writeAtlasSum(dir);
    const run = { url, dir, appliedBy: 'strata diff (proof)', secrets: 'placeholder' as const };
    const stages: ['up' | 'down', Snapshot][] = [['up', states.at(-1)!], ...pairs.map((_, i) => ['down', states[pairs.length - 1 - i]!] as ['down', Snapshot])];
    for (const [stage, expected] of stages) {
      try {
        if (stage === 'up') await migrateUp(run);
        else await migrateDown({ ...run, steps: 1 });
      } catch (e) {
        if (!(e instanceof StrataError)) throw e;
        return { status: 'failed', stage, seed, error: e.diagnostic, residual: [] };
      }
      const residual = snapshotDifferences(expected, await readState(url, opts.filter, seed), opts);
      if (residual.length) return { status: 'failed', stage, seed, residual };
    }
    return { status: 'proven', seed, ms: Date.now() - t0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
