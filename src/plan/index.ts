/**
 * Change[] → ordered PlanStep[] (pure), in named phases:
 *   1. collectChanges: what the differ says is created, dropped or altered (the per-kind
 *      rules say what SQL each alter is, or that the object must be replaced);
 *   2. expandReplacements: a replaced or dropped object takes its pg_depend dependents
 *      with it (dropped and created again, or rebound around the drop);
 *   3. foldChildren + linkNodes: children folded into their parent's statement (a new
 *      table's columns, a dropped table's indexes), and the dependency edges;
 *   4. orderNodes: topological order: an object is created after what it depends on
 *      (types before tables, tables before the foreign keys that reference them) and
 *      dropped before it; foreign keys are their own objects, so FK cycles never block
 *      table creation; among independent steps, drops come first, then kinds in rule
 *      order, then id, so output is byte-identical across runs. A cycle is a
 *      `plan.cycle` error naming it;
 *   5. emitSteps: one PlanStep per statement.
 */
import type { Snapshot } from '../core/model/index.js';
import { collectChanges, expandReplacements, planInput, type ChangeSet, type PlanInput } from './changes.js';
import { foldChildren, linkNodes, type PlanNode } from './graph.js';
import { orderNodes } from './order.js';
import { RULES } from './rules/index.js';
import { adoptPartitionIndexes } from './partition-indexes.js';
import type { Hazard, PlanStep, RuleTable } from './types.js';

export * from './types.js';
export { RULES } from './rules/index.js';
export { indexSnapshot } from './snapshot-index.js';
export { collectChanges, expandReplacements, planInput, type ChangeSet, type PlanInput } from './changes.js';
export { foldChildren, linkNodes, type PlanGraph, type PlanNode } from './graph.js';
export { orderNodes, findCycle } from './order.js';

export interface PlanOptions {
  direction?: 'up' | 'down';
  rules?: RuleTable;
  /** Column id → the USING expression of its type change (`-- @using` hints). */
  using?: ReadonlyMap<string, string>;
}

export function planChanges(original: Snapshot, to: Snapshot, opts: PlanOptions = {}): PlanStep[] {
  // Partition indexes adopted by a new partitioned index run first; the rest is planned as if they had.
  const adopted = adoptPartitionIndexes(original, to);
  const from = adopted.from;
  const p = planInput(from, to, opts.rules ?? RULES, opts.direction ?? 'up', opts.using);
  const changes = expandReplacements(p, collectChanges(p, from, to));
  const graph = linkNodes(p, foldChildren(p, changes));
  return [...adopted.steps, ...emitSteps(p, changes, orderNodes(graph.nodes))];
}

/** Phase 5: the ordered nodes' statements as steps, with what each needs in place and its hazards. */
export function emitSteps(p: PlanInput, changes: ChangeSet, ordered: readonly PlanNode[]): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const n of ordered) {
    const snap = n.op === 'drop' ? p.from : p.to;
    const covered = new Set(n.covers);
    const deps = new Set<string>();
    if (n.op !== 'drop') for (const c of n.covers) for (const d of snap.get(c)!.dependsOn) if (!covered.has(d)) deps.add(d);
    const cause = n.covers.some((c) => changes.causes.has(c));
    for (const s of n.statements) {
      const recreates: Hazard[] = cause && (n.op === 'drop' || s.invalidatesDependents) ? ['dependents-recreated'] : [];
      steps.push({
        op: n.op,
        kind: n.kind,
        objectId: n.id,
        sql: s.sql,
        hazards: [...new Set([...(s.hazards ?? []), ...recreates])].sort(),
        lock: s.lock ?? 'ACCESS EXCLUSIVE',
        transactional: s.transactional ?? true,
        dependsOn: [...deps].sort(),
        ...(s.note ? { note: s.note } : {}),
      });
    }
  }
  return steps;
}
