/**
 * Change[] → ordered PlanStep[] (pure). The per-kind rules say what SQL each
 * create/drop/alter is; this module decides which objects must be dropped and
 * created again (a replaced object takes its pg_depend dependents with it), folds
 * children into their parent's statement (a new table's columns, a dropped
 * table's indexes), and orders everything topologically:
 *   - an object is created after what it depends on (types before tables, tables
 *     before the foreign keys that reference them), and dropped before it;
 *   - foreign keys are their own objects, so FK cycles never block table creation;
 *   - among independent steps, drops come first, then kinds in rule order, then id,
 *     so output is byte-identical across runs.
 */
import type { CatalogObject, ObjectKind, Snapshot } from '../core/model/index.js';
import { diffObjects } from '../diff/index.js';
import { Heap } from './heap.js';
import { RULES } from './rules/index.js';
import { indexSnapshot } from './snapshot-index.js';
import type { Hazard, KindRules, PlanStep, RuleContext, RuleTable, Statement } from './types.js';

export * from './types.js';
export { RULES } from './rules/index.js';
export { indexSnapshot } from './snapshot-index.js';

export interface PlanOptions {
  direction?: 'up' | 'down';
  rules?: RuleTable;
}

interface Node {
  key: string;
  op: 'create' | 'drop' | 'alter';
  id: string;
  kind: ObjectKind;
  statements: Statement[];
  covers: string[];
  phase: number;
  order: number;
  out: Set<Node>;
  inDegree: number;
  done: boolean;
}

export function planChanges(from: Snapshot, to: Snapshot, opts: PlanOptions = {}): PlanStep[] {
  const rules = opts.rules ?? RULES;
  const fromIx = indexSnapshot(from);
  const toIx = indexSnapshot(to);
  const ctx: RuleContext = {
    from: fromIx,
    to: toIx,
    direction: opts.direction ?? 'up',
    serverVersion: to.serverVersion || from.serverVersion,
  };
  const rule = (kind: ObjectKind) => rules[kind] as unknown as KindRules<CatalogObject>;

  const dropping = new Set<string>();
  const creating = new Set<string>();
  const altering = new Map<string, Statement[]>();
  const replaceQueue: string[] = [];
  const replace = (id: string) => {
    if (!fromIx.get(id) || !toIx.get(id) || (dropping.has(id) && creating.has(id))) return;
    dropping.add(id);
    creating.add(id);
    altering.delete(id);
    replaceQueue.push(id);
  };

  for (const c of diffObjects(from, to)) {
    if (c.op === 'create') creating.add(c.id);
    else if (c.op === 'drop') dropping.add(c.id);
    else if (c.from.kind !== c.to.kind) replace(c.id);
    else {
      const stmts = rule(c.to.kind).alter(c.from, c.to, ctx);
      if (stmts === null) replace(c.id);
      else if (stmts.length) altering.set(c.id, stmts);
    }
  }
  // Objects whose change drops and recreates (or rebinds) others: their statements carry 'dependents-recreated'.
  const causes = new Set<string>();
  // Alters that invalidate stored references recreate the dependents that hold them.
  for (const [id, stmts] of [...altering]) {
    if (!stmts.some((s) => s.invalidatesDependents)) continue;
    const seen = new Set<string>();
    const walk = (x: string) => {
      for (const d of fromIx.dependents(x)) {
        if (seen.has(d)) continue;
        seen.add(d);
        const o = fromIx.get(d);
        if (o && rule(o.kind).recreateOnDependencyChange) {
          replace(d);
          causes.add(id);
        }
        walk(d);
      }
    };
    walk(id);
  }
  // A kept object that can let go of a dependency (rules' `rebind`) does so around its
  // drop; its other ALTER statements then run late too, after the dependency is back.
  const rebound = new Set<string>();
  const rebind = (d: string, cause: string): boolean => {
    const a = fromIx.get(d);
    const b = toIx.get(d);
    if (!a || !b || dropping.has(d) || a.parent === cause || (a.parent && dropping.has(a.parent))) return false;
    if (rebound.has(d)) return true;
    const r = rule(a.kind).rebind?.(a, b, ctx);
    if (!r) return false;
    const late = (s: Statement): Statement => ((s.stage ?? 'main') === 'main' ? { ...s, stage: 'late' } : s);
    altering.set(d, [
      ...r.release.map((s) => ({ ...s, stage: 'release' as const })),
      ...(altering.get(d) ?? []).map(late),
      ...r.restore.map((s) => ({ ...s, stage: 'late' as const })),
    ]);
    rebound.add(d);
    return true;
  };
  // A dropped object's dependents that the desired state keeps unchanged still hold a
  // reference to it (a view or a CHECK calling f(integer) when f(bigint) replaces it
  // keep their text): they let go of it (rebind) or are dropped before it and created after.
  for (const id of [...dropping]) {
    for (const d of fromIx.dependents(id)) {
      const o = fromIx.get(d);
      if (!o || dropping.has(d)) continue;
      if (rule(o.kind).recreateOnDependencyChange) replace(d);
      else if (altering.has(d)) continue;
      else if (!rebind(d, id)) replace(d);
      causes.add(id);
    }
  }
  // A replaced object is dropped, so everything depending on it is dropped and created again too.
  while (replaceQueue.length) {
    const id = replaceQueue.pop()!;
    for (const d of fromIx.dependents(id)) {
      if (!rebind(d, id)) replace(d);
      causes.add(id);
    }
  }

  // Nodes: one per statement group; absorbed children map to their parent's node.
  const nodes = new Map<string, Node>();
  const node = (op: Node['op'], id: string, kind: ObjectKind, statements: Statement[]): Node => {
    const key = `${op}\u0000${id}`;
    let n = nodes.get(key);
    if (!n) {
      n = {
        key, op, id, kind, statements, covers: [], phase: op === 'drop' ? 0 : 1,
        order: op === 'drop' ? -rule(kind).order : rule(kind).order,
        out: new Set(), inDegree: 0, done: false,
      };
      nodes.set(key, n);
    }
    return n;
  };
  const dropNodeOf = new Map<string, Node>();
  const createNodeOf = new Map<string, Node>();
  const alterNodeOf = new Map<string, Node>();

  const dropTop = (id: string): string => {
    let top = id;
    for (;;) {
      const o = fromIx.get(top)!;
      if (!o.parent || !dropping.has(o.parent) || rule(o.kind).droppedWithParent === false) return top;
      if (reachesOtherDroppedContainer(o)) return top;
      top = o.parent;
    }
  };
  const createTop = (id: string): string => {
    let top = id;
    for (;;) {
      const o = toIx.get(top)!;
      const p = o.parent ? toIx.get(o.parent) : undefined;
      if (!p || !creating.has(p.id) || !(rule(p.kind).createsChildren ?? []).includes(o.kind)) return top;
      top = p.id;
    }
  };
  // A child pointing into another container that is dropped too (a foreign key
  // between two dropped tables) gets its own drop step, so two such containers
  // never wait on each other.
  const inside = (id: string, container: string) => id === container || fromIx.get(id)?.parent === container;
  const reachesOtherDroppedContainer = (o: CatalogObject): boolean =>
    o.dependsOn.some((d) => {
      if (!o.parent || inside(d, o.parent) || !dropping.has(d)) return false;
      const ext = fromIx.get(d);
      if (!ext) return false;
      // Only a mutual dependency can deadlock: the other container must point back into ours.
      const owner = ext.parent ?? ext.id;
      const absorbed = fromIx.children(owner).filter((c) => rule(c.kind).droppedWithParent !== false);
      return [owner, ...absorbed.map((c) => c.id)].some((x) =>
        fromIx.get(x)!.dependsOn.some((y) => inside(y, o.parent!)),
      );
    });
  for (const id of [...dropping].sort()) {
    const top = dropTop(id);
    const o = fromIx.get(top)!;
    const n = node('drop', top, o.kind, []);
    if (top === id) n.statements = rule(o.kind).drop(o, ctx);
    n.covers.push(id);
    dropNodeOf.set(id, n);
  }
  for (const id of [...creating].sort()) {
    const top = createTop(id);
    const o = toIx.get(top)!;
    const n = node('create', top, o.kind, []);
    if (top === id) n.statements = rule(o.kind).create(o, ctx);
    n.covers.push(id);
    createNodeOf.set(id, n);
  }
  // An alter is up to three nodes: release (with the drops), main, late (after the drops).
  const alterStages = new Map<string, { release?: Node; main?: Node; late?: Node }>();
  for (const [id, stmts] of [...altering].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const o = toIx.get(id)!;
    const stages: { release?: Node; main?: Node; late?: Node } = {};
    for (const stage of ['release', 'main', 'late'] as const) {
      const part = stmts.filter((s) => (s.stage ?? 'main') === stage);
      if (!part.length) continue;
      const n = node('alter', stage === 'main' ? id : `${id}\u0000${stage}`, o.kind, part);
      n.id = id;
      if (stage === 'release') n.phase = 0;
      n.covers.push(id);
      stages[stage] = n;
    }
    alterStages.set(id, stages);
    alterNodeOf.set(id, (stages.main ?? stages.late ?? stages.release)!);
  }

  const edge = (a: Node | undefined, b: Node | undefined) => {
    if (!a || !b || a === b || a.out.has(b)) return;
    a.out.add(b);
    b.inDegree++;
  };
  for (const [id, n] of dropNodeOf) {
    for (const d of fromIx.get(id)!.dependsOn) {
      // A child with a drop step of its own goes before its container, which takes
      // the child's other dependents (a primary key on a separately dropped column) with it.
      if (fromIx.get(d)?.parent === n.id && dropNodeOf.get(d) !== n) continue;
      edge(n, dropNodeOf.get(d));
      edge(n, alterNodeOf.get(d));
    }
    edge(n, createNodeOf.get(id));
  }
  for (const [id, n] of createNodeOf) {
    for (const d of toIx.get(id)!.dependsOn) {
      edge(createNodeOf.get(d), n);
      edge(alterNodeOf.get(d), n);
    }
  }
  for (const [id, { release, main, late }] of alterStages) {
    edge(release, main ?? late);
    edge(main, late);
    for (const n of [main, late]) {
      for (const d of toIx.get(id)!.dependsOn) {
        edge(createNodeOf.get(d), n);
        edge(alterNodeOf.get(d), n);
      }
    }
    for (const d of fromIx.get(id)!.dependsOn) {
      edge(release, dropNodeOf.get(d));
      edge(main, dropNodeOf.get(d));
      edge(dropNodeOf.get(d), late);
    }
  }

  const less = (a: Node, b: Node) =>
    a.phase !== b.phase ? a.phase < b.phase : a.order !== b.order ? a.order < b.order : a.key < b.key;
  const ready = new Heap<Node>(less);
  const all = [...nodes.values()];
  for (const n of all) if (n.inDegree === 0) ready.push(n);
  const ordered: Node[] = [];
  while (ordered.length < all.length) {
    let n = ready.pop();
    if (!n) {
      // A dependency cycle: release the first remaining node in priority order.
      n = all.filter((x) => !x.done).sort((a, b) => (less(a, b) ? -1 : 1))[0]!;
      n.inDegree = 0;
    }
    if (n.done) continue;
    n.done = true;
    ordered.push(n);
    for (const m of n.out) if (--m.inDegree === 0 && !m.done) ready.push(m);
  }

  const steps: PlanStep[] = [];
  for (const n of ordered) {
    const snap = n.op === 'drop' ? fromIx : toIx;
    const covered = new Set(n.covers);
    const deps = new Set<string>();
    if (n.op !== 'drop') for (const c of n.covers) for (const d of snap.get(c)!.dependsOn) if (!covered.has(d)) deps.add(d);
    const cause = n.covers.some((c) => causes.has(c));
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
