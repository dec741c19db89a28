/**
 * Verify and drift: compare what the migrations folder builds with the desired
 * state (schema/) and with a live database. Every state comes from the one state
 * builder, so verify sees exactly what `strata diff` and `strata migrate up` see.
 */
import type { Connection } from '@databases/pg';
import type { ServerTarget } from '../cluster/index.js';
import { connect } from '../db/connect.js';
import { listDifferences, type Difference } from '../diff/index.js';
import { diffSnapshots } from '../engine/index.js';
import { readHistory } from '../runner/index.js';
import { buildSnapshot } from '../state/index.js';
import type { ObjectFilter } from '../core/filter.js';
import type { UnmanagedObject } from '../core/model/index.js';
import { unmanagedOf } from './unmanaged.js';

export type { Difference } from '../diff/index.js';
export { formatDifferences, describeField } from './format.js';
export { driftGuard, type DriftGuardOptions } from './guard.js';
export { unmanagedOf, unmanagedDiagnostics } from './unmanaged.js';

export interface VerifyResult {
  /** Objects of the desired state the folder does not build, and the other differences. */
  differences: Difference[];
  /** SQL that would bring the folder's result to the desired state. */
  missingSql: string;
  /** Objects of either state strata does not model, which no difference above can show. */
  unmanaged: UnmanagedObject[];
}

export async function verifyMigrations(opts: { server: ServerTarget; dir: string; schemaDir: string; filter?: ObjectFilter }): Promise<VerifyResult> {
  const { filter } = opts;
  const [replayed, desired] = await Promise.all([
    buildSnapshot({ kind: 'migrationsDir', dir: opts.dir }, opts.server, { filter }),
    buildSnapshot({ kind: 'schemaDir', dir: opts.schemaDir }, opts.server, { filter }),
  ]);
  return {
    differences: listDifferences(desired, replayed),
    missingSql: diffSnapshots(replayed, desired).up,
    unmanaged: unmanagedOf(replayed, desired),
  };
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
  /** Objects of the live database or the compared states that strata does not model. */
  unmanaged: UnmanagedObject[];
}

/**
 * Compare a live database with the state its applied migrations produce (the
 * folder replayed up to the live database's latest version) and with the desired state.
 */
export async function detectDrift(opts: { server: ServerTarget; url: string; dir: string; schemaDir: string; filter?: ObjectFilter }): Promise<DriftResult> {
  const { filter } = opts;
  const pool = connect(opts.url, { poolSize: 1, applicationName: 'strata drift' });
  let appliedVersion: string | undefined;
  try {
    appliedVersion = (await readHistory(pool as unknown as Connection)).filter((r) => !r.dirty).at(-1)?.version;
  } finally {
    await pool.dispose();
  }
  const [live, replayed, desired] = await Promise.all([
    buildSnapshot({ kind: 'url', url: opts.url }, opts.server, { filter }),
    appliedVersion === undefined ? undefined : buildSnapshot({ kind: 'migrationsDir', dir: opts.dir, to: appliedVersion }, opts.server, { filter }),
    buildSnapshot({ kind: 'schemaDir', dir: opts.schemaDir }, opts.server, { filter }),
  ]);
  const comparisons: DriftComparison[] = [];
  if (replayed) {
    comparisons.push({ against: 'migrations', differences: listDifferences(replayed, live), reconcileSql: diffSnapshots(live, replayed).up });
  }
  comparisons.push({ against: 'desired', differences: listDifferences(desired, live), reconcileSql: diffSnapshots(live, desired).up });
  return {
    appliedVersion,
    comparisons,
    drift: comparisons.some((c) => c.differences.length > 0),
    unmanaged: unmanagedOf(live, replayed, desired),
  };
}
