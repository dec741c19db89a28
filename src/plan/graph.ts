/**
 * The planner's third phase (pure): one node per group of statements, with children
 * folded into their parent's statement (a new table's columns, a dropped table's
 * indexes), and the dependency edges between nodes.
 */
import type { CatalogObject, ObjectKind } from '../core/model/index.js';
import type { ChangeSet, PlanInput } from './changes.js';
import type { Statement } from './types.js';

export interface PlanNode {
  /** Unique: op, id and, for an alter's release and late parts, the stage. */
  key: string;
  op: 'create' | 'drop' | 'alter';
  id: string;
  kind: ObjectKind;
  statements: Statement[];
  /** Ids this node's statements take care of: its own and its folded children's. */
  covers: string[];
  /** 0: runs with the drops; 1: with the creates. */
  phase: number;
  /** The kind's rule order (negated for drops). */
  order: number;
  /** Nodes that run after this one. */
  out: Set<PlanNode>;
  /** For an alter's parts other than its main one. */
  stage?: 'release' | 'late';
}

export interface PlanGraph {
  nodes: PlanNode[];
  dropNodeOf: Map<string, PlanNode>;
  createNodeOf: Map<string, PlanNode>;
  alterNodeOf: Map<string, PlanNode>;
  /** An alter is up to three nodes: release (with the drops), main, late (after the drops). */
  alterStages: Map<string, { release?: PlanNode; main?: PlanNode; late?: PlanNode }>;
}

/** Phase 3: nodes for every change, children folded into their parent's node where the rules say so. */
export function foldChildren(p: PlanInput, c: ChangeSet): PlanGraph {
  const byKey = new Map<string, PlanNode>();
  const node = (op: PlanNode['op'], id: string, kind: ObjectKind, statements: Statement[]): PlanNode => {
    const key = `${op}\u0000${id}`;
    let n = byKey.get(key);
    if (!n) {
      const order = p.rule(kind).order;
      n = { key, op, id, kind, statements, covers: [], phase: op === 'drop' ? 0 : 1, order: op === 'drop' ? -order : order, out: new Set() };
      byKey.set(key, n);
    }
    return n;
  };
  const g: PlanGraph = { nodes: [], dropNodeOf: new Map(), createNodeOf: new Map(), alterNodeOf: new Map(), alterStages: new Map() };

  for (const id of [...c.dropping].sort()) {
    const top = dropTop(p, c, id);
    const o = p.from.get(top)!;
    const n = node('drop', top, o.kind, []);
    if (top === id) n.statements = p.rule(o.kind).drop(o, p.ctx);
    n.covers.push(id);
    g.dropNodeOf.set(id, n);
  }
  for (const id of [...c.creating].sort()) {
    const top = createTop(p, c, id);
    const o = p.to.get(top)!;
    const n = node('create', top, o.kind, []);
    if (top === id) n.statements = p.rule(o.kind).create(o, p.ctx);
    n.covers.push(id);
    g.createNodeOf.set(id, n);
  }
  for (const [id, stmts] of [...c.altering].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const o = p.to.get(id)!;
    const stages: { release?: PlanNode; main?: PlanNode; late?: PlanNode } = {};
    for (const stage of ['release', 'main', 'late'] as const) {
      const part = stmts.filter((s) => (s.stage ?? 'main') === stage);
      if (!part.length) continue;
      const n = node('alter', stage === 'main' ? id : `${id}\u0000${stage}`, o.kind, part);
      n.id = id;
      if (stage !== 'main') n.stage = stage;
      if (stage === 'release') n.phase = 0;
      n.covers.push(id);
      stages[stage] = n;
    }
    g.alterStages.set(id, stages);
    g.alterNodeOf.set(id, (stages.main ?? stages.late ?? stages.release)!);
  }
  g.nodes = [...byKey.values()];
  return g;
}

/** The outermost dropped container whose drop takes `id` with it. */
function dropTop(p: PlanInput, c: ChangeSet, id: string): string {
  let top = id;
  for (;;) {
    const o = p.from.get(top)!;
    if (!o.parent || !c.dropping.has(o.parent) || p.rule(o.kind).droppedWithParent === false) return top;
    if (reachesOtherDroppedContainer(p, c, o)) return top;
    top = o.parent;
  }
}

/** The outermost created container whose CREATE writes `id` inline. */
function createTop(p: PlanInput, c: ChangeSet, id: string): string {
  let top = id;
  for (;;) {
    const o = p.to.get(top)!;
    const parent = o.parent ? p.to.get(o.parent) : undefined;
    if (!parent || !c.creating.has(parent.id) || !(p.rule(parent.kind).createsChildren ?? []).includes(o.kind)) return top;
    top = parent.id;
  }
}

/**
 * A child pointing into another container that is dropped too (a foreign key
 * between two dropped tables) gets its own drop step, so two such containers
 * never wait on each other.
 */
function reachesOtherDroppedContainer(p: PlanInput, c: ChangeSet, o: CatalogObject): boolean {
  const inside = (id: string, container: string) => id === container || p.from.get(id)?.parent === container;
  return o.dependsOn.some((d) => {
    if (!o.parent || inside(d, o.parent) || !c.dropping.has(d)) return false;
    const ext = p.from.get(d);
    if (!ext) return false;
    // Only a mutual dependency can deadlock: the other container must point back into ours.
    const owner = ext.parent ?? ext.id;
    const absorbed = p.from.children(owner).filter((x) => p.rule(x.kind).droppedWithParent !== false);
    return [owner, ...absorbed.map((x) => x.id)].some((x) => p.from.get(x)!.dependsOn.some((y) => inside(y, o.parent!)));
  });
}

/**
 * Edges: an object is created after what it depends on and dropped before it; an
 * alter's release part runs before the drops, its late part after them.
 */
export function linkNodes(p: PlanInput, g: PlanGraph): PlanGraph {
  const edge = (a: PlanNode | undefined, b: PlanNode | undefined) => {
    if (!a || !b || a === b) return;
    a.out.add(b);
  };
  for (const [id, n] of g.dropNodeOf) {
    for (const d of p.from.get(id)!.dependsOn) {
      // A child with a drop step of its own goes before its container, which takes
      // the child's other dependents (a primary key on a separately dropped column) with it.
      if (p.from.get(d)?.parent === n.id && g.dropNodeOf.get(d) !== n) continue;
      edge(n, g.dropNodeOf.get(d));
      edge(n, g.alterNodeOf.get(d));
    }
    edge(n, g.createNodeOf.get(id));
  }
  for (const [id, n] of g.createNodeOf) {
    for (const d of p.to.get(id)!.dependsOn) {
      edge(g.createNodeOf.get(d), n);
      edge(g.alterNodeOf.get(d), n);
    }
  }
  for (const [id, { release, main, late }] of g.alterStages) {
    edge(release, main ?? late);
    edge(main, late);
    for (const n of [main, late]) {
      for (const d of p.to.get(id)!.dependsOn) {
        edge(g.createNodeOf.get(d), n);
        edge(g.alterNodeOf.get(d), n);
      }
    }
    for (const d of p.from.get(id)!.dependsOn) {
      edge(release, g.dropNodeOf.get(d));
      edge(main, g.dropNodeOf.get(d));
      edge(g.dropNodeOf.get(d), late);
    }
  }
  return g;
}
