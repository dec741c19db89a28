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
  // A snapshot's objects are sorted by id: its first lookups are binary searches, and the Map
  // is built only when there are many (a plan of a few changes looks up a few hundred ids).
  const objects = snapshot.objects;
  let scans = 4;
  let searches = isSortedById(objects) ? Math.max(64, objects.length >> 4) : 0;
  const get = (id: string): CatalogObject | undefined => {
    if (byId) return byId.get(id);
    if (searches-- <= 0) return ids().get(id);
    let lo = 0;
    let hi = objects.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = objects[mid]!.id;
      if (m === id) return objects[mid];
      if (m < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const kinds = () => {
    byKind = new Map();
    for (const o of snapshot.objects) append(byKind, o.kind, o);
    return byKind;
  };
  const parents = () => {
    children = new Map();
    for (const o of snapshot.objects) if (o.parent) append(children, o.parent, o);
    return children;
  };
  const references = () => {
    dependents = new Map();
    for (const o of snapshot.objects) for (const d of o.dependsOn) append(dependents, d, o.id);
    return dependents;
  };
  return {
    snapshot,
    get,
    ofKind: <K extends ObjectKind>(kind: K) => ((byKind ?? kinds()).get(kind) ?? []) as ObjectOfKind<K>[],
    children: (id) => (children ?? parents()).get(id) ?? [],
    dependents: (id) => {
      if (dependents) return dependents.get(id) ?? [];
      // The first few asks scan the objects: cheaper than the map of every reference when only a few objects change.
      if (scans-- > 0) {
        const out: string[] = [];
        for (const o of objects) for (const d of o.dependsOn) if (d === id) out.push(o.id);
        return out;
      }
      return references().get(id) ?? [];
    },
  };
}

/** Strictly ascending ids (so also no id twice, where a Map would keep the last). */
function isSortedById(objects: readonly CatalogObject[]): boolean {
  for (let i = 1; i < objects.length; i++) if (!(objects[i - 1]!.id < objects[i]!.id)) return false;
  return true;
}

/** Add `value` to the list under `key`, starting the list on first use. */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
