/**
 * The drift guard of `strata migrate up`: before a generated migration runs, the
 * target's state fingerprint must be the one the file was planned against (its
 * state header). Otherwise the database was changed since (by hand, by another
 * tool) and the file would run against a state nobody planned for: it is refused
 * with the drift listed, unless the caller allows drift.
 */
import type { ServerTarget } from '../cluster/index.js';
import { StrataError } from '../core/diagnostic.js';
import { emptySnapshot } from '../core/model/index.js';
import { snapshotDifferences } from '../engine/index.js';
import { readMigrationDir, readStateHeader, type Migration } from '../migrations/index.js';
import { buildSnapshot, fingerprint, snapshotDatabase } from '../state/index.js';
import { formatDifferences, type Difference } from './format.js';

export interface DriftGuardOptions {
  server: ServerTarget;
  /** The migrations folder being applied. */
  dir: string;
  /** Apply over drift, reporting it through `onDrift`. */
  allowDrift?: boolean;
  onDrift?: (migration: Migration, differences: Difference[]) => void;
}

export function driftGuard(opts: DriftGuardOptions): (m: Migration, url: string) => Promise<void> {
  return async (m, url) => {
    const header = readStateHeader(m.up.content);
    if (!header) return;
    const live = await snapshotDatabase(url);
    if (fingerprint(live) === header.from) return;
    const before = (await readMigrationDir(opts.dir)).migrations.filter((x) => x.versionNumber < m.versionNumber).at(-1);
    const expected = before
      ? await buildSnapshot({ kind: 'migrationsDir', dir: opts.dir, to: before.version }, opts.server)
      : emptySnapshot(live.serverVersion);
    const differences = snapshotDifferences(expected, live);
    if (opts.allowDrift) {
      opts.onDrift?.(m, differences);
      return;
    }
    const what = differences.length
      ? `the database has drifted from the state ${m.up.file} was planned against (${differences.length} difference${differences.length === 1 ? '' : 's'})`
      : `the database's state fingerprint is not the one ${m.up.file} was planned against`;
    throw new StrataError({
      code: 'verify.drift',
      severity: 'error',
      subject: m.up.file,
      message: `refusing to apply ${m.up.file}: ${what}`,
      detail: differences.length ? formatDifferences(differences).trimEnd() : `expected sha256:${header.from}, found sha256:${fingerprint(live)}`,
      hint: '`strata drift` shows the drift and the SQL that reconciles it; undo the manual change, or pass --allow-drift to apply anyway',
    });
  };
}
