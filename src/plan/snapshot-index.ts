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

function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const byId = new Map<string, CatalogObject>();
  const byKind = new Map<string, CatalogObject[]>();
  const children = new Map<string, CatalogObject[]>();
  const dependents = new Map<string, string[]>();
  for (const o of snapshot.objects) {
    byId.set(o.id, o);
    let k = byKind.get(o.kind);
    if (!k) byKind.set(o.kind, (k = []));
    k.push(o);
    if (o.parent) {
      let c = children.get(o.parent);
      if (!c) children.set(o.parent, (c = []));
      c.push(o);
    }
    for (const d of o.dependsOn) {
      let l = dependents.get(d);
      if (!l) dependents.set(d, (l = []));
      l.push(o.id);
    }
  }
  return {
    snapshot,
    get: (id) => byId.get(id),
    ofKind: <K extends ObjectKind>(kind: K) => (byKind.get(kind) ?? []) as ObjectOfKind<K>[],
    children: (id) => children.get(id) ?? [],
    dependents: (id) => dependents.get(id) ?? [],
  };
}
