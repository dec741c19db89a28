/**
 * The engine façade the CLI, conformance and drift code against:
 * a state source → Snapshot, and two snapshots → migration plan with up and down SQL.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerTarget } from '../cluster/index.js';
import { withScratchDatabase } from '../cluster/index.js';
import { StrataError } from '../core/diagnostic.js';
import type { Snapshot } from '../core/model/index.js';
import { IsolationLevel } from '@databases/pg';
import { connect, queryable } from '../db/connect.js';
import { describeDifferences } from '../diff/index.js';
import { introspect } from '../introspect/index.js';
import { planChanges, type PlanStep } from '../plan/index.js';
import { renderSql } from '../render/index.js';
import { applyStatements } from '../shadow/index.js';
import { applyRenameHints } from '../plan/renames.js';
import { renameHints } from '../source/renames.js';
import { listSqlFiles, loadStatements, readSources, type SourceFile } from '../source/index.js';

export type { Snapshot } from '../core/model/index.js';
export type { PlanStep } from '../plan/index.js';

export type StateSource =
  | { kind: 'url'; url: string } // live database
  | { kind: 'schemaDir'; dir: string } // desired state: *.sql recursive, path order
  | { kind: 'sqlFile'; file: string }
  | { kind: 'migrationsDir'; dir: string }; // replay <version>_<name>.up.sql in version order

export interface MigrationPlan {
  /** Steps of the up migration, in order. */
  steps: PlanStep[];
  /** SQL turning `from` into `to`; '' when they are equal. */
  up: string;
  /** SQL turning `to` back into `from` (the diff the other way). */
  down: string;
}

/** Introspect a live database in one read-only, repeatable-read transaction. */
export async function snapshotDatabase(url: string): Promise<Snapshot> {
  const pool = connect(url, { poolSize: 1 });
  try {
    return await pool.tx((tx) => introspect(queryable(tx)), { readOnly: true, isolationLevel: IsolationLevel.REPEATABLE_READ });
  } finally {
    await pool.dispose();
  }
}


/** Build the state on a scratch database of `server` (unless it is a live URL) and introspect it. */
export async function loadSnapshot(source: StateSource, server: ServerTarget): Promise<Snapshot> {
  if (source.kind === 'url') return snapshotDatabase(source.url);
  const files = await sourceFiles(source);
  // Parse every file before anything runs: a syntax error is reported without touching a database.
  const statements = await loadStatements(files);
  return withScratchDatabase(server, { label: 'shadow' }, async (url) => {
    const { roles, roleDefinitions } = await applyStatements(url, statements);
    const snapshot = await snapshotDatabase(url);
    const renames = source.kind === 'migrationsDir' ? [] : await renameHints(files);
    return { ...snapshot, ...(roles.length ? { roles, roleDefinitions } : {}), ...(renames.length ? { renames } : {}) };
  });
}

/** Pure: the plan turning `from` into `to`, with up SQL and down SQL (diffing `to` → `from`). */
export function diffSnapshots(from: Snapshot, to: Snapshot, options: DiffOptions = {}): MigrationPlan {
  const [scopedFrom, b] = [scope(from, options), scope(to, options)];
  // Hinted renames run first in both directions, on a source snapshot rewritten as if renamed.
  const hints = to.renames ?? [];
  const fwd = applyRenameHints(scopedFrom, b, hints);
  const rev = applyRenameHints(b, scopedFrom, hints.map((h) => ({ ...h, from: h.to, to: h.from })));
  const a = scopedFrom;
  const steps = [...fwd.steps, ...planChanges(fwd.from, b, { direction: 'up' })];
  const back = [...rev.steps, ...planChanges(rev.from, a, { direction: 'down' })];
  const known = new Set(from.roles ?? []);
  const newRoles = Object.entries(to.roleDefinitions ?? {})
    .filter(([name]) => !known.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, stmt]) => stmt);
  return { steps, up: renderSql(steps, newRoles), down: renderSql(back) };
}

/** Human-readable differences; [] when the snapshots describe the same schema. */
export function compareSnapshots(a: Snapshot, b: Snapshot, options: DiffOptions = {}): string[] {
  return describeDifferences(scope(a, options), scope(b, options));
}

export interface DiffOptions {
  /**
   * Diff and compare object owners (ALTER ... OWNER TO). Off by default: the
   * shadow databases and a live one are usually built by different roles.
   */
  includeOwnership?: boolean;
}

/** The part of a snapshot the options ask to diff. Snapshots always hold owners. */
function scope(s: Snapshot, options: DiffOptions): Snapshot {
  if (options.includeOwnership) return s;
  return { ...s, objects: s.objects.filter((o) => o.kind !== 'owner') };
}

const MIGRATION_FILE = /^(\d+)_(.+)\.up\.sql$/;

async function sourceFiles(source: Exclude<StateSource, { kind: 'url' }>): Promise<SourceFile[]> {
  switch (source.kind) {
    case 'sqlFile':
      return readSources([source.file], process.cwd());
    case 'schemaDir':
      return readSources(await listSqlFiles(source.dir), process.cwd());
    case 'migrationsDir': {
      const st = await stat(source.dir).catch(() => undefined);
      if (!st) return [];
      if (!st.isDirectory()) {
        throw new StrataError({ code: 'source.missing', severity: 'error', subject: source.dir, message: `not a directory: ${source.dir}` });
      }
      const names = (await readdir(source.dir)).filter((n) => MIGRATION_FILE.test(n));
      names.sort((a, b) => {
        const va = BigInt(MIGRATION_FILE.exec(a)![1]!);
        const vb = BigInt(MIGRATION_FILE.exec(b)![1]!);
        return va < vb ? -1 : va > vb ? 1 : a < b ? -1 : 1;
      });
      return readSources(names.map((n) => join(source.dir, n)), process.cwd());
    }
  }
}
