import type { ColumnObject, ConstraintObject, IndexObject } from '../../core/model/index.js';
import type { Finding, MigrationInput, MigrationRule } from '../types.js';
import { existedBefore, existingRelation, knownEmpty, migrationFinding, objectsOf, sizeNote } from './helpers.js';

/** UNIQUE or NOT NULL added to a table that existed before the migration: it fails if the rows disagree. */
export const dataDependent: MigrationRule = {
  id: 'data-dependent',
  scope: 'migration',
  severity: 'error',
  summary: 'adds UNIQUE or NOT NULL to a table that may already hold rows',
  check(m, ctx) {
    const objects = objectsOf(m);
    const out: Finding[] = [];
    const renamedTo = new Set(m.statements.flatMap((s) => s.renames.map(([, to]) => to)));
    for (const s of m.steps) {
      if (renamedTo.has(s.objectId)) continue;
      const rel = existingRelation(m, s.objectId);
      if (!rel || knownEmpty(m, rel)) continue;
      const o = objects.get(s.objectId);
      let what: string | undefined;
      if (s.kind === 'constraint' && s.op === 'create') {
        const c = o as ConstraintObject;
        const key = m.afterFacts.keys.find((k) => k.id === s.objectId);
        const implied = key && key.type !== 'exclude' && impliedByOldKey(m, key.table, key.columns, key.type === 'primary key');
        if ((c.type === 'unique' || c.type === 'primary key' || c.type === 'exclude') && !implied) what = `adds ${c.type.toUpperCase()} constraint ${c.qname} to existing table ${c.table}`;
      } else if (s.kind === 'index' && s.op === 'create' && uniqueIndexNotImplied(m, s.objectId)) {
        what = `adds unique index ${(o as IndexObject).qname} to existing table ${(o as IndexObject).table}`;
      } else if (s.kind === 'column') {
        const after = o as ColumnObject;
        const before = m.before.objects.find((x) => x.id === s.objectId) as ColumnObject | undefined;
        // The online form: a CHECK (col IS NOT NULL) added NOT VALID before, validated here, lets SET NOT NULL skip the scan.
        const proven = m.before.objects.some((x) => x.kind === 'constraint' && x.parent === after.parent && x.type === 'check' && x.definition === `CHECK ((${after.qname} IS NOT NULL))`);
        if (s.op === 'alter' && before && !before.notNull && after.notNull && !proven) what = `sets NOT NULL on ${after.table}.${after.qname}`;
        if (s.op === 'create' && !existedBefore(m, s.objectId) && after.notNull && after.default === null && !after.identity && !after.generated) {
          what = `adds NOT NULL column ${after.table}.${after.qname} without a default`;
        }
      }
      if (what) out.push(migrationFinding(m, ctx, 'data-dependent', s.objectId, `${what}: fails if existing rows violate it${sizeNote(m, rel)}`, 'backfill and check the data first (or add a CHECK ... NOT VALID and VALIDATE it), then add the constraint'));
    }
    return out;
  },
};

function uniqueIndexNotImplied(m: MigrationInput, id: string): boolean {
  const i = m.afterFacts.indexes.find((x) => x.id === id);
  if (!i?.unique) return false;
  return i.partial || !impliedByOldKey(m, i.table, i.columns, false);
}

/**
 * A key over columns that already held a full unique key before the migration (a subset of them,
 * in any order) cannot fail on the existing rows: rows distinct on the subset are distinct on the
 * whole. Widening (id) to (tenant, id) is the usual case; the old key may be dropped in the same
 * migration. The old key's columns must be NOT NULL (a NULL escapes it but could collide under
 * NULLS NOT DISTINCT), a primary key's columns too (adding it sets NOT NULL), and every column
 * must keep its type and collation (equality could change with them).
 */
function impliedByOldKey(m: MigrationInput, table: string, columns: (string | null)[], primary: boolean): boolean {
  if (columns.some((c) => c === null)) return false;
  const cols = new Map<string, { before?: ColumnObject; after?: ColumnObject }>();
  const colOf = (snapshot: MigrationInput['before'], name: string) =>
    snapshot.objects.find((o): o is ColumnObject => o.kind === 'column' && o.parent === table && o.name === name);
  for (const c of columns as string[]) cols.set(c, { before: colOf(m.before, c), after: colOf(m.after, c) });
  for (const { before, after } of cols.values()) {
    if (!before || !after || before.type !== after.type || before.collation !== after.collation) return false;
    if (primary && !before.notNull) return false;
  }
  const covers = (old: (string | null)[]) =>
    old.length > 0 && old.every((c) => c !== null && cols.has(c) && cols.get(c)!.before!.notNull);
  return (
    m.beforeFacts.keys.some((k) => k.table === table && (k.type === 'primary key' || k.type === 'unique') && covers(k.columns)) ||
    m.beforeFacts.indexes.some((i) => i.table === table && i.unique && !i.partial && covers(i.columns))
  );
}
