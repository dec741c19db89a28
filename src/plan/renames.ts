/**
 * Column rename hints (src/source/renames.ts) turned into plan steps. A hint
 * applies when the current state has the old column and not the new one, and the
 * desired state the new one and not the old one. The current snapshot is then
 * rewritten as if the column had its new name, so the rest of the plan only sees
 * what else changed (type, default, constraints) and no data is dropped. Down
 * is the same with the hints reversed: rename back first, then the rest.
 */
import { makeId } from '../core/ids.js';
import type { CatalogObject, ColumnObject, RenameHint, Snapshot } from '../core/model/index.js';
import type { PlanStep } from './types.js';

export interface RenamePlan {
  /** `from` with the hinted columns under their new names. */
  from: Snapshot;
  /** The RENAME COLUMN steps, to run first. */
  steps: PlanStep[];
}

export function applyRenameHints(from: Snapshot, to: Snapshot, hints: readonly RenameHint[] = []): RenamePlan {
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
