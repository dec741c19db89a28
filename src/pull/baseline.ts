/**
 * Baseline: a database that existed before strata gets a first migration describing it as
 * it is, recorded as applied without running, so `strata migrate up` applies only what
 * follows. The first database writes the baseline (from the pulled state); every other
 * database of the same schema (staging, production) records the same file once the live
 * database is shown to match it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerTarget } from '../cluster/index.js';
import { StrataError } from '../core/diagnostic.js';
import type { ObjectFilter } from '../core/filter.js';
import { listDifferences, type Difference } from '../diff/index.js';
import { nextVersion, readMigrationDir, writeAtlasSum } from '../migrations/index.js';
import { renderSql } from '../render/index.js';
import { baselineHistoryError, migrateBaseline, readHistory } from '../runner/index.js';
import type { Connection } from '@databases/pg';
import { connect } from '../db/connect.js';
import { buildSnapshot } from '../state/index.js';
import { pullDatabase } from './index.js';

export const BASELINE_NAME = 'baseline';

export interface BaselineOptions {
  url: string;
  server: ServerTarget;
  /** Migrations folder. */
  dir: string;
  filter?: ObjectFilter;
  appliedBy?: string;
  now?: Date;
}

export interface BaselineResult {
  version: string;
  /** Files written (absolute), empty when the folder's baseline was reused. */
  written: string[];
}

export async function baselineDatabase(opts: BaselineOptions): Promise<BaselineResult> {
  // Checked first (and again under the runner's lock): a migrated database needs no baseline, whatever the folder holds.
  const pool = connect(opts.url, { poolSize: 1, applicationName: 'strata migrate baseline' });
  try {
    const rows = await readHistory(pool as unknown as Connection);
    if (rows.length) throw baselineHistoryError(rows);
  } finally {
    await pool.dispose();
  }
  await mkdir(opts.dir, { recursive: true });
  const { migrations } = await readMigrationDir(opts.dir);
  const existing = migrations.find((m) => m.name === BASELINE_NAME);
  let version: string;
  let written: string[] = [];
  if (existing) {
    // Another database of the same schema: the baseline must describe this one too.
    const [expected, live] = await Promise.all([
      buildSnapshot({ kind: 'migrationsDir', dir: opts.dir, to: existing.version }, opts.server, { filter: opts.filter }),
      buildSnapshot({ kind: 'url', url: opts.url }, opts.server, { filter: opts.filter }),
    ]);
    const differences = listDifferences(expected, live);
    if (differences.length) throw mismatch(existing.up.file, differences);
    version = existing.version;
  } else {
    if (migrations.length) {
      throw new StrataError({
        code: 'baseline.not-first',
        severity: 'error',
        subject: opts.dir,
        message: `${opts.dir} already holds ${migrations.length} migration(s) and no ${BASELINE_NAME}: a baseline is the first migration`,
        hint: 'baseline into an empty migrations folder (--dir <dir>)',
      });
    }
    const pulled = await pullDatabase({ url: opts.url, server: opts.server, filter: opts.filter });
    version = nextVersion(migrations, opts.now);
    const base = path.join(opts.dir, `${version}_${BASELINE_NAME}`);
    const roles = Object.values(pulled.snapshot.roleDefinitions ?? {});
    await writeFile(`${base}.up.sql`, renderSql(pulled.plan.steps, roles));
    await writeFile(`${base}.down.sql`, pulled.plan.down);
    await writeAtlasSum(opts.dir);
    written = [`${base}.up.sql`, `${base}.down.sql`];
  }
  await migrateBaseline({ url: opts.url, dir: opts.dir, version, appliedBy: opts.appliedBy });
  return { version, written };
}

function mismatch(file: string, ds: Difference[]): StrataError {
  const shown = ds.slice(0, 10).map((d) => `${d.kind} ${d.id}${d.kind === 'differs' ? ` (${d.field})` : ''}`);
  return new StrataError({
    code: 'baseline.mismatch',
    severity: 'error',
    subject: file,
    message: `the database does not match ${file}: ${ds.length} difference(s)`,
    detail: [...shown, ...(ds.length > shown.length ? [`… and ${ds.length - shown.length} more`] : [])].join('\n'),
    hint: 'bring the database in line first (`strata drift` shows the SQL), or baseline it into its own folder',
  });
}

