/**
 * The planner's first two phases (pure): which objects are created, dropped or
 * altered, and which must be dropped and created again because something they
 * hold a reference to is replaced or dropped.
 */
import type { CatalogObject, ObjectKind, Snapshot } from '../core/model/index.js';
import { diffObjects, type Change } from '../diff/index.js';
import { indexSnapshot } from './snapshot-index.js';
import type { KindRules, RuleContext, RuleTable, SnapshotIndex, Statement } from './types.js';

/** What one plan works on: both snapshots indexed, the rule table, the rules' context. */
export interface PlanInput {
  from: SnapshotIndex;
  to: SnapshotIndex;
  ctx: RuleContext;
  rule(kind: ObjectKind): KindRules<CatalogObject>;
}

export function planInput(from: Snapshot, to: Snapshot, rules: RuleTable, direction: 'up' | 'down', using?: ReadonlyMap<string, string>): PlanInput {
  const fromIx = indexSnapshot(from);
  const toIx = indexSnapshot(to);
  return {
    from: fromIx,
    to: toIx,
    ctx: { from: fromIx, to: toIx, direction, serverVersion: to.serverVersion || from.serverVersion, ...(using?.size ? { using } : {}) },
    rule: (kind) => rules[kind] as unknown as KindRules<CatalogObject>,
  };
}

/** Object ids by what happens to them; a replaced id is in both `dropping` and `creating`. */
export interface ChangeSet {
  dropping: Set<string>;
  creating: Set<string>;
  /** ALTER statements per kept object. */
  altering: Map<string, Statement[]>;
  /** Replaced ids whose dependents are not expanded yet. */
  replaceQueue: string[];
  /** Objects whose change drops and recreates (or rebinds) others: their statements carry 'dependents-recreated'. */
  causes: Set<string>;
  /** Kept objects that let go of a dependency around its drop (see KindRules.rebind). */
  rebound: Set<string>;
}

/** Marks an object present on both sides for drop and re-create. */
function replace(p: PlanInput, c: ChangeSet, id: string): void {
  if (!p.from.get(id) || !p.to.get(id) || (c.dropping.has(id) && c.creating.has(id))) return;
  c.dropping.add(id);
  c.creating.add(id);
  c.altering.delete(id);
  c.replaceQueue.push(id);
}

/** `diffObjects(from, to)` of the plan one direction made, kept for the plan back (`to` → `from`). */
const lastDiff = new WeakMap<Snapshot, WeakMap<Snapshot, Change[]>>();

/**
 * The differ's changes from `from` to `to`. A diff plans up and then down over the same two
 * snapshots, and the changes back are the same pairs with their sides swapped (the fields that
 * differ do not depend on the direction), so the second comparison of every object is skipped.
 */
function changesBetween(from: Snapshot, to: Snapshot): Change[] {
  const known = lastDiff.get(to)?.get(from);
  if (known) {
    lastDiff.get(to)!.delete(from);
    return known.map((c): Change =>
      c.op === 'create' ? { op: 'drop', id: c.id, from: c.to } : c.op === 'drop' ? { op: 'create', id: c.id, to: c.from } : { op: 'alter', id: c.id, from: c.to, to: c.from, fields: c.fields },
    );
  }
  const changes = diffObjects(from, to);
  let m = lastDiff.get(from);
  if (!m) lastDiff.set(from, (m = new WeakMap()));
  m.set(to, changes);
  return changes;
}

/** Phase 1: the differ's changes, with each alter asked of its kind's rules (null: replace). */
export function collectChanges(p: PlanInput, from: Snapshot, to: Snapshot): ChangeSet {
  const c: ChangeSet = {
    dropping: new Set(),
    creating: new Set(),
    altering: new Map(),
    replaceQueue: [],
    causes: new Set(),
    rebound: new Set(),
  };
  for (const d of changesBetween(from, to)) {
    if (d.op === 'create') c.creating.add(d.id);
    else if (d.op === 'drop') c.dropping.add(d.id);
    else if (d.from.kind !== d.to.kind) replace(p, c, d.id);
    else {
      const stmts = p.rule(d.to.kind).alter(d.from, d.to, p.ctx);
      if (stmts === null) replace(p, c, d.id);
      else if (stmts.length) c.altering.set(d.id, stmts);
    }
  }
  return c;
}

/**
 * Phase 2: dependents of what changes under them. Alters that invalidate stored
 * references recreate the dependents holding them; a dropped object's kept
 * dependents let go of it (rebind) or are replaced; a replaced object takes its
 * dependents with it, transitively. Mutates and returns `c`.
 */
export function expandReplacements(p: PlanInput, c: ChangeSet): ChangeSet {
  for (const [id, stmts] of [...c.altering]) {
    if (!stmts.some((s) => s.invalidatesDependents)) continue;
    const seen = new Set<string>();
    const walk = (x: string) => {
      for (const d of p.from.dependents(x)) {
        if (seen.has(d)) continue;
        seen.add(d);
        const o = p.from.get(d);
        if (o && p.rule(o.kind).recreateOnDependencyChange) {
          replace(p, c, d);
          c.causes.add(id);
        }
        walk(d);
      }
    };
    walk(id);
  }
  // A dropped object's dependents that the desired state keeps unchanged still hold a
  // reference to it (a view or a CHECK calling f(integer) when f(bigint) replaces it
  // keep their text): they let go of it (rebind) or are dropped before it and created after.
  for (const id of [...c.dropping]) {
    for (const d of p.from.dependents(id)) {
      const o = p.from.get(d);
      if (!o || c.dropping.has(d)) continue;
      if (p.rule(o.kind).recreateOnDependencyChange) replace(p, c, d);
      else if (c.altering.has(d)) continue;
      else if (!rebind(p, c, d, id)) replace(p, c, d);
      c.causes.add(id);
    }
  }
  while (c.replaceQueue.length) {
    const id = c.replaceQueue.pop()!;
    for (const d of p.from.dependents(id)) {
      if (!rebind(p, c, d, id)) replace(p, c, d);
      c.causes.add(id);
    }
  }
  return c;
}

/**
 * A kept object that can let go of a dependency (rules' `rebind`) does so around its
 * drop; its other ALTER statements then run late too, after the dependency is back.
 */
function rebind(p: PlanInput, c: ChangeSet, d: string, cause: string): boolean {
  const a = p.from.get(d);
  const b = p.to.get(d);
  if (!a || !b || c.dropping.has(d) || a.parent === cause || (a.parent && c.dropping.has(a.parent))) return false;
  if (c.rebound.has(d)) return true;
  const r = p.rule(a.kind).rebind?.(a, b, p.ctx);
  if (!r) return false;
  const late = (s: Statement): Statement => ((s.stage ?? 'main') === 'main' ? { ...s, stage: 'late' } : s);
  c.altering.set(d, [
    ...r.release.map((s) => ({ ...s, stage: 'release' as const })),
    ...(c.altering.get(d) ?? []).map(late),
    ...r.restore.map((s) => ({ ...s, stage: 'late' as const })),
  ]);
  c.rebound.add(d);
  return true;
}
