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
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    if (NON_SCHEMA_FIELDS.has(k)) continue;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) out.push(k);
  }
  return out;
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
  const a = new Map(from.objects.map((o) => [o.id, o]));
  const b = new Map(to.objects.map((o) => [o.id, o]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: Change[] = [];
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    if (x && !y) out.push({ op: 'drop', id, from: x });
    else if (!x && y) out.push({ op: 'create', id, to: y });
    else if (x && y) {
      const fields = x.kind === y.kind ? changedFields(x, y) : ['kind'];
      if (fields.length) out.push({ op: 'alter', id, from: x, to: y, fields });
    }
  }
  return out;
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
