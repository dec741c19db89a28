/**
 * The engine: two snapshots → the migration plan with up and down SQL (pure), and
 * the comparison used to prove a plan. States come from src/state.
 */
import type { Snapshot } from '../core/model/index.js';
import { makeId } from '../core/ids.js';
import { describeDifferences, listDifferences, type Difference } from '../diff/index.js';
import { planChanges, type PlanStep, type RuleTable } from '../plan/index.js';
import { renderSql, type SessionSettings } from '../render/index.js';
import { onlinePhases, onlineSteps } from '../plan/online.js';
import { applyRenameHints } from '../plan/renames.js';

export type { Snapshot } from '../core/model/index.js';
export type { PlanStep } from '../plan/index.js';

export interface MigrationPlan {
  /** Steps of the up migration, in order. */
  steps: PlanStep[];
  /** SQL turning `from` into `to`; '' when they are equal. */
  up: string;
  /** SQL turning `to` back into `from` (the diff the other way). */
  down: string;
  /** Steps of the down migration, in order (what `down` runs; lint reads their hazards). */
  downSteps: PlanStep[];
  /**
   * With `online`: the up steps as migrations, a transactional one first and the steps
   * that run on their own after it, each with its SQL. `up` is all of them in order.
   */
  phases?: { steps: PlanStep[]; up: string }[];
}

/** Pure: the plan turning `from` into `to`, with up SQL and down SQL (diffing `to` → `from`). */
export function diffSnapshots(from: Snapshot, to: Snapshot, options: DiffOptions = {}): MigrationPlan {
  const [scopedFrom, b] = [scope(from, options), scope(to, options)];
  // Hinted renames run first in both directions, on a source snapshot rewritten as if renamed.
  const hints = to.renames ?? [];
  const fwd = applyRenameHints(scopedFrom, b, hints);
  const rev = applyRenameHints(b, scopedFrom, hints.map((h) => ({ ...h, from: h.to, to: h.from })));
  const a = scopedFrom;
  // Conversion hints (`-- @using`) are the desired state's: its up expressions, and its down ones for the way back.
  const using = usingExpressions(to);
  let steps = [...fwd.steps, ...planChanges(fwd.from, b, { direction: 'up', rules: options.rules, using: using.up })];
  let back = [...rev.steps, ...planChanges(rev.from, a, { direction: 'down', rules: options.rules, using: using.down })];
  if (options.online) {
    steps = onlineSteps(steps, scopedFrom, b);
    back = onlineSteps(back, b, scopedFrom);
  }
  const known = new Set(from.roles ?? []);
  const newRoles = Object.entries(to.roleDefinitions ?? {})
    .filter(([name]) => !known.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, stmt]) => stmt);
  if (!options.online) return { steps, up: renderSql(steps, newRoles), down: renderSql(back), downSteps: back };
  const session = options.online === true ? {} : options.online;
  const phases = onlinePhases(steps).map((p, i) => ({ steps: p, up: renderSql(p, i === 0 ? newRoles : [], session) }));
  return { steps, up: phases.map((p) => p.up).join('\n'), down: renderSql(back, [], session), downSteps: back, phases };
}

/** Column id → USING expression, per direction, from a snapshot's `@using` hints. */
export function usingExpressions(s: Snapshot): { up: Map<string, string>; down: Map<string, string> } {
  const up = new Map<string, string>();
  const down = new Map<string, string>();
  for (const h of s.usingHints ?? []) {
    const id = makeId('column', h.schema, h.table, h.column);
    if (h.up) up.set(id, h.up);
    if (h.down) down.set(id, h.down);
  }
  return { up, down };
}

/** What `actual` lacks, adds or holds otherwise than `expected`, within the options' scope; [] when equal. */
export function snapshotDifferences(expected: Snapshot, actual: Snapshot, options: DiffOptions = {}): Difference[] {
  return listDifferences(scope(expected, options), scope(actual, options));
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
  /**
   * Lock-safe DDL for a database in use (src/plan/online.ts); the settings are set at
   * the top of each migration. `true`: online forms without settings.
   */
  online?: boolean | SessionSettings;
  /** Rule table for the planner (tests inject a wrong rule to prove that proofs catch it). */
  rules?: RuleTable;
}

/** The part of a snapshot the options ask to diff. Snapshots always hold owners. */
function scope(s: Snapshot, options: DiffOptions): Snapshot {
  if (options.includeOwnership) return s;
  return { ...s, objects: s.objects.filter((o) => o.kind !== 'owner') };
}
