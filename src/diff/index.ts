/**
 * The generic differ: Snapshot × Snapshot → Change[]. It matches objects by id and
 * compares their fields; it knows nothing about object kinds (a test guards that).
 * What a change means in SQL is decided later, by the per-kind rules in src/plan/rules.
 */
import { NON_SCHEMA_FIELDS, type CatalogObject, type Snapshot } from '../core/model/index.js';

export type Change =
  | { op: 'create'; id: string; to: CatalogObject }
  | { op: 'drop'; id: string; from: CatalogObject }
  | { op: 'alter'; id: string; from: CatalogObject; to: CatalogObject; fields: string[] };

/** Top-level fields whose values differ, ignoring layout and provenance fields. */
export function changedFields(a: object, b: object): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const out: string[] = [];
  // Runs once per object present on both sides: no intermediate key sets, and only the (rare) result is sorted.
  for (const k in x) if (!NON_SCHEMA_FIELDS.has(k) && !deepEqual(x[k], y[k])) out.push(k);
  for (const k in y) if (!(k in x) && !NON_SCHEMA_FIELDS.has(k) && !deepEqual(undefined, y[k])) out.push(k);
  return out.length > 1 ? out.sort() : out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Changes sorted by id: drops for ids only in `from`, creates for ids only in `to`, alters where fields differ. */
export function diffObjects(from: Snapshot, to: Snapshot): Change[] {
  // A merge of the two id-sorted object lists (snapshots keep objects sorted by id; sorted here when not).
  const a = byId(from.objects);
  const b = byId(to.objects);
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.id < y.id)) {
      out.push({ op: 'drop', id: x.id, from: x });
      i++;
    } else if (y && (!x || y.id < x.id)) {
      out.push({ op: 'create', id: y.id, to: y });
      j++;
    } else if (x && y) {
      const fields = x.kind === y.kind ? changedFields(x, y) : ['kind'];
      if (fields.length) out.push({ op: 'alter', id: x.id, from: x, to: y, fields });
      i++;
      j++;
    }
  }
  return out;
}

/** Objects sorted by id, one per id (the last of a repeated id, as a Map built from the list keeps). */
function byId(objects: readonly CatalogObject[]): readonly CatalogObject[] {
  let sorted = true;
  for (let k = 1; k < objects.length && sorted; k++) sorted = objects[k - 1]!.id < objects[k]!.id;
  if (sorted) return objects;
  const last = new Map(objects.map((o) => [o.id, o]));
  return [...last.values()].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
}

/**
 * What `actual` lacks, has beyond, or holds otherwise than `expected`, one entry per
 * object or field; [] when the two snapshots describe the same schema.
 */
export type Difference =
  | { kind: 'missing'; id: string; expected: CatalogObject }
  | { kind: 'extra'; id: string; actual: CatalogObject }
  | { kind: 'differs'; id: string; field: string; expected: unknown; actual: unknown };

export function listDifferences(expected: Snapshot, actual: Snapshot): Difference[] {
  const out: Difference[] = [];
  for (const c of diffObjects(expected, actual)) {
    if (c.op === 'drop') out.push({ kind: 'missing', id: c.id, expected: c.from });
    else if (c.op === 'create') out.push({ kind: 'extra', id: c.id, actual: c.to });
    else {
      for (const f of c.fields) {
        out.push({
          kind: 'differs',
          id: c.id,
          field: f,
          expected: (c.from as unknown as Record<string, unknown>)[f],
          actual: (c.to as unknown as Record<string, unknown>)[f],
        });
      }
    }
  }
  return out;
}

/** Human-readable differences, [] when the two snapshots describe the same schema. */
export function describeDifferences(from: Snapshot, to: Snapshot): string[] {
  return listDifferences(from, to).map((d) =>
    d.kind === 'missing'
      ? `${d.id}: only in the first`
      : d.kind === 'extra'
        ? `${d.id}: only in the second`
        : `${d.id}: ${d.field} ${JSON.stringify(d.expected)} ≠ ${JSON.stringify(d.actual)}`,
  );
}
