import type { CatalogObject, ObjectKind, ObjectOfKind, Snapshot } from '../core/model/index.js';
import type { SnapshotIndex } from './types.js';

const cache = new WeakMap<Snapshot, SnapshotIndex>();

/**
 * Lookups over a snapshot, built once so rules and the planner stay linear. Snapshots
 * are never mutated after introspection, so the index is cached per snapshot object
 * (a diff plans up and down over the same two).
 */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  let ix = cache.get(snapshot);
  if (!ix) cache.set(snapshot, (ix = buildIndex(snapshot)));
  return ix;
}

/**
 * Each lookup table is built on its first use: a diff with few changes asks for
 * dependents and children of a handful of objects on one side only, and the maps of
 * a 70,000-object snapshot cost more than the rest of such a plan.
 */
function buildIndex(snapshot: Snapshot): SnapshotIndex {
  let byId: Map<string, CatalogObject> | undefined;
  let byKind: Map<string, CatalogObject[]> | undefined;
  let children: Map<string, CatalogObject[]> | undefined;
  let dependents: Map<string, string[]> | undefined;
  const ids = () => {
    byId = new Map();
    for (const o of snapshot.objects) byId.set(o.id, o);
    return byId;
  };
  const kinds = () => {
    byKind = new Map();
    for (const o of snapshot.objects) {
      const k = byKind.get(o.kind);
      if (k) k.push(o);
      else byKind.set(o.kind, [o]);
    }
    return byKind;
  };
  const parents = () => {
    children = new Map();
    for (const o of snapshot.objects) {
      if (!o.parent) continue;
      const c = children.get(o.parent);
      if (c) c.push(o);
      else children.set(o.parent, [o]);
    }
    return children;
  };
  const references = () => {
    dependents = new Map();
    for (const o of snapshot.objects) {
      for (const d of o.dependsOn) {
        const l = dependents.get(d);
        if (l) l.push(o.id);
        else dependents.set(d, [o.id]);
      }
    }
    return dependents;
  };
  return {
    snapshot,
    get: (id) => (byId ?? ids()).get(id),
    ofKind: <K extends ObjectKind>(kind: K) => ((byKind ?? kinds()).get(kind) ?? []) as ObjectOfKind<K>[],
    children: (id) => (children ?? parents()).get(id) ?? [],
    dependents: (id) => (dependents ?? references()).get(id) ?? [],
  };
}
