/**
 * Rename hints (src/source/renames.ts) turned into plan steps: tables, then columns.
 * Column rename hints: A hint
 * applies when the current state has the old column and not the new one, and the
 * desired state the new one and not the old one. The current snapshot is then
 * rewritten as if the column had its new name, so the rest of the plan only sees
 * what else changed (type, default, constraints) and no data is dropped. Down
 * is the same with the hints reversed: rename back first, then the rest.
 */
import { idPart, makeId } from '../core/ids.js';
import type { CatalogObject, ColumnObject, RenameHint, Snapshot, TableObject } from '../core/model/index.js';
import type { PlanStep } from './types.js';

export interface RenamePlan {
  /** `from` with the hinted columns under their new names. */
  from: Snapshot;
  /** The RENAME (TO | COLUMN) steps, to run first. */
  steps: PlanStep[];
}

export function applyRenameHints(from: Snapshot, to: Snapshot, hints: readonly RenameHint[] = []): RenamePlan {
  // Tables first: a column hint names its table by the new name.
  const tableHints = hints.filter((h) => h.kind === 'table');
  const tables = applyTableRenames(from, to, tableHints);
  // Undoing both renames, the column's table has its old name again: try either name.
  const columnHints = hints
    .filter((h) => h.kind !== 'table')
    .flatMap((h) => [
      h,
      ...tableHints.filter((t) => t.schema === h.schema && (t.to === h.table || t.from === h.table)).map((t) => ({ ...h, table: t.to === h.table ? t.from : t.to })),
    ]);
  const columns = applyColumnRenames(tables.from, to, columnHints);
  return { from: columns.from, steps: [...tables.steps, ...columns.steps] };
}

/**
 * Table hints: `ALTER TABLE old RENAME TO new` keeps the rows, and every index, constraint,
 * trigger, policy, grant and owner of the table (PostgreSQL keeps oids, not names). The
 * current snapshot is rewritten as if renamed: the table and what lives on it take ids under
 * the new name, and text naming the old table (the table fields, index and constraint
 * definitions, foreign keys of other tables, views) names the new one.
 */
function applyTableRenames(from: Snapshot, to: Snapshot, hints: readonly RenameHint[]): RenamePlan {
  if (!hints.length) return { from, steps: [] };
  const byId = new Map(from.objects.map((o) => [o.id, o]));
  const toIds = new Map(to.objects.map((o) => [o.id, o]));
  const steps: PlanStep[] = [];
  const renames: { old: TableObject; target: TableObject; oldSeg: string; newSeg: string }[] = [];
  for (const h of hints) {
    const [oldId, newId] = [makeId('table', h.schema, h.from), makeId('table', h.schema, h.to)];
    const old = byId.get(oldId);
    const target = toIds.get(newId);
    const schema = toIds.get(makeId('schema', h.schema));
    if (old?.kind !== 'table' || target?.kind !== 'table' || schema?.kind !== 'schema' || byId.has(newId) || toIds.has(oldId)) continue;
    if (renames.some((r) => r.old.id === oldId)) continue;
    renames.push({ old, target, oldSeg: `${idPart(h.schema)}.${idPart(h.from)}`, newSeg: `${idPart(h.schema)}.${idPart(h.to)}` });
    steps.push({
      op: 'alter',
      kind: 'table',
      objectId: newId,
      sql: `ALTER TABLE ${old.qname} RENAME TO ${target.qname.slice(schema.qname.length + 1)}`,
      hazards: [],
      lock: 'ACCESS EXCLUSIVE',
      transactional: true,
      dependsOn: [],
      note: 'renamed (hint: @renamed from=...)',
    });
  }
  if (!renames.length) return { from, steps };
  // What lives on a renamed table: it and its descendants, by parent.
  const owner = new Map<string, (typeof renames)[number]>();
  for (const r of renames) owner.set(r.old.id, r);
  const ownerOf = (o: CatalogObject): (typeof renames)[number] | undefined => {
    for (let x: CatalogObject | undefined = o, guard = 0; x && guard < 64; x = x.parent ? byId.get(x.parent) : undefined, guard++) {
      const r = owner.get(x.id);
      if (r) return r;
    }
    return undefined;
  };
  const newIds = new Map<string, string>();
  for (const o of from.objects) {
    const r = ownerOf(o);
    if (r) newIds.set(o.id, renameInId(o.id, r.oldSeg, r.newSeg));
  }
  const swap = (id: string) => newIds.get(id) ?? id;
  const texts = renames.map((r) => ({ pattern: identifierPattern(r.old.qname), replacement: r.target.qname }));
  const objects = from.objects
    .map((o): CatalogObject => {
      let base = { ...o, id: swap(o.id), parent: o.parent === null ? null : swap(o.parent), dependsOn: o.dependsOn.map(swap) } as CatalogObject;
      for (const t of texts) base = rewriteText(base, t.pattern, t.replacement);
      const r = owner.get(o.id);
      return r && base.kind === 'table' ? { ...base, name: r.target.name, qname: r.target.qname } : base;
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { from: { ...from, objects }, steps };
}

/**
 * `id` with the table segment `schema.old` replaced by `schema.new` where it stands as a
 * whole segment (after the kind prefixes, before `.`, `:`, `(` or the end).
 */
function renameInId(id: string, oldSeg: string, newSeg: string): string {
  for (let at = id.indexOf(oldSeg); at >= 0; at = id.indexOf(oldSeg, at + 1)) {
    const before = id[at - 1];
    const after = id[at + oldSeg.length];
    if (before === ':' && (after === undefined || after === '.' || after === ':' || after === '(')) {
      return id.slice(0, at) + newSeg + id.slice(at + oldSeg.length);
    }
  }
  return id;
}

function applyColumnRenames(from: Snapshot, to: Snapshot, hints: readonly RenameHint[]): RenamePlan {
  if (!hints.length) return { from, steps: [] };
  const byId = new Map(from.objects.map((o) => [o.id, o]));
  const toIds = new Map(to.objects.map((o) => [o.id, o]));
  const renamed = new Map<string, string>();
  const steps: PlanStep[] = [];
  for (const h of hints) {
    const oldId = makeId('column', h.schema, h.table, h.from);
    const newId = makeId('column', h.schema, h.table, h.to);
    const old = byId.get(oldId);
    const target = toIds.get(newId);
    if (old?.kind !== 'column' || target?.kind !== 'column' || byId.has(newId) || toIds.has(oldId) || renamed.has(oldId)) continue;
    renamed.set(oldId, newId);
    const step = (a: ColumnObject, b: ColumnObject, id: string): PlanStep => ({
      op: 'alter',
      kind: 'column',
      objectId: id,
      sql: `ALTER TABLE ${a.table} RENAME COLUMN ${a.qname} TO ${b.qname}`,
      hazards: [],
      lock: 'ACCESS EXCLUSIVE',
      transactional: true,
      dependsOn: [],
      note: 'renamed (hint: @renamed from=...)',
    });
    steps.push(step(old, target, newId));
  }
  if (!renamed.size) return { from, steps };
  const swap = (id: string) => renamed.get(id) ?? id;
  // Objects over a renamed column read its new name after RENAME COLUMN (PostgreSQL keeps
  // column numbers, not names): their deparsed text is rewritten the same way here.
  const texts = [...renamed].map(([oldId, newId]) => ({
    oldId,
    pattern: identifierPattern((byId.get(oldId) as ColumnObject).qname),
    replacement: (toIds.get(newId) as ColumnObject).qname,
  }));
  const objects = from.objects
    .map((o): CatalogObject => {
      const moved = renamed.get(o.id);
      let base = { ...o, parent: o.parent === null ? null : swap(o.parent), dependsOn: o.dependsOn.map(swap) } as CatalogObject;
      for (const t of texts) if (!moved && o.dependsOn.includes(t.oldId)) base = rewriteText(base, t.pattern, t.replacement);
      if (!moved || base.kind !== 'column') return base;
      const t = toIds.get(moved) as ColumnObject;
      return { ...base, id: moved, name: t.name, qname: t.qname };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { from: { ...from, objects }, steps };
}

/** Whole-identifier occurrences of `qname` (bare or quoted) in deparsed SQL. */
function identifierPattern(qname: string): RegExp {
  const escaped = qname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return qname.startsWith('"') ? new RegExp(escaped, 'g') : new RegExp(`(?<![\\w$"])${escaped}(?![\\w$"])`, 'g');
}

/** The object with `pattern` replaced in its string fields (not its id or own name). */
function rewriteText<O extends CatalogObject>(o: O, pattern: RegExp, replacement: string): O {
  const skip = new Set(['id', 'parent', 'name', 'qname', 'kind', 'comment']);
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && skip.has(key)) return v;
    if (typeof v === 'string') return v.replace(pattern, replacement);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'dependsOn' ? x : walk(x, k)]));
    return v;
  };
  return { ...(walk(o) as O), id: o.id, kind: o.kind };
}
