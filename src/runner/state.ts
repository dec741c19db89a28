/**
 * Verify and drift: compare what the migrations directory builds with the
 * desired state (schema/) and with a live database, through the engine façade.
 */
import type { ServerTarget } from '../cluster/index.js';
import { withScratchDatabase } from '../cluster/index.js';
import { compareSnapshots, diffSnapshots, loadSnapshot, snapshotDatabase, type Snapshot } from '../engine/index.js';
import { migrateUp } from './runner.js';
import { readHistory } from './history.js';
import { connect } from '../db/connect.js';
import type { Connection } from '@databases/pg';

/** Schemas holding migration bookkeeping: strata's history, and Atlas's revisions table. */
const BOOKKEEPING = ['strata', 'atlas_schema_revisions'];

/** Drop migration bookkeeping schemas from a snapshot. */
export function withoutRunnerSchema(s: Snapshot): Snapshot {
  const mine = (o: { id: string; schema?: unknown }) =>
    BOOKKEEPING.some((n) => o.id === `schema:${n}` || o.schema === n || new RegExp(`(^|[:(,\\s])${n}\\.`).test(o.id));
  return { ...s, objects: s.objects.filter((o) => !mine(o as { id: string; schema?: unknown })) };
}

/**
 * Apply the directory with the runner (so the no-transaction directive, order
 * and refusals are exactly those of `strata migrate up`) on a scratch database
 * of `server`, up to `to` when given, and snapshot the result.
 */
export async function snapshotMigrations(server: ServerTarget, dir: string, to?: string): Promise<Snapshot> {
  return withScratchDatabase(server, { label: 'replay' }, async (url) => {
    await migrateUp({ url, dir, to, appliedBy: 'strata verify' });
    return withoutRunnerSchema(await snapshotDatabase(url));
  });
}

export interface Difference {
  /** `missing`: in the reference, not in the subject; `extra`: the other way; `differs`: both, unequal. */
  kind: 'missing' | 'extra' | 'differs';
  id: string;
  detail?: string;
}

/** Differences of `subject` against `reference`, from the engine's comparison lines. */
export function differences(reference: Snapshot, subject: Snapshot): Difference[] {
  return compareSnapshots(reference, subject).map((line) => {
    const i = line.indexOf(': ');
    const id = i < 0 ? line : line.slice(0, i);
    const rest = i < 0 ? '' : line.slice(i + 2);
    if (rest === 'only in the first') return { kind: 'missing', id };
    if (rest === 'only in the second') return { kind: 'extra', id };
    return { kind: 'differs', id, detail: rest };
  });
}

export interface VerifyResult {
  /** Objects of the desired state the directory does not build, and the other differences. */
  differences: Difference[];
  /** SQL that would bring the directory's result to the desired state. */
  missingSql: string;
}

export async function verifyMigrations(opts: { server: ServerTarget; dir: string; schemaDir: string }): Promise<VerifyResult> {
  const [replayed, desired] = await Promise.all([
    snapshotMigrations(opts.server, opts.dir),
    loadSnapshot({ kind: 'schemaDir', dir: opts.schemaDir }, opts.server).then(withoutRunnerSchema),
  ]);
  return { differences: differences(desired, replayed), missingSql: diffSnapshots(replayed, desired).up };
}

export interface DriftComparison {
  /** What the live database is compared with. */
  against: 'migrations' | 'desired';
  differences: Difference[];
  /** SQL that would turn the live database into the compared state. */
  reconcileSql: string;
}

export interface DriftResult {
  /** Latest version recorded in the live database's history (undefined: none). */
  appliedVersion?: string;
  comparisons: DriftComparison[];
  drift: boolean;
}

/**
 * Compare a live database with the state its applied migrations produce (the
 * directory replayed up to the live database's latest version) and with the
 * desired state.
 */
export async function detectDrift(opts: { server: ServerTarget; url: string; dir: string; schemaDir: string }): Promise<DriftResult> {
  const pool = connect(opts.url, { poolSize: 1, applicationName: 'strata drift' });
  let appliedVersion: string | undefined;
  try {
    appliedVersion = (await readHistory(pool as unknown as Connection)).filter((r) => !r.dirty).at(-1)?.version;
  } finally {
    await pool.dispose();
  }
  const [live, replayed, desired] = await Promise.all([
    snapshotDatabase(opts.url).then(withoutRunnerSchema),
    appliedVersion === undefined ? undefined : snapshotMigrations(opts.server, opts.dir, appliedVersion),
    loadSnapshot({ kind: 'schemaDir', dir: opts.schemaDir }, opts.server).then(withoutRunnerSchema),
  ]);
  const comparisons: DriftComparison[] = [];
  if (replayed) {
    comparisons.push({ against: 'migrations', differences: differences(replayed, live), reconcileSql: diffSnapshots(live, replayed).up });
  }
  comparisons.push({ against: 'desired', differences: differences(desired, live), reconcileSql: diffSnapshots(live, desired).up });
  return { appliedVersion, comparisons, drift: comparisons.some((c) => c.differences.length > 0) };
}
