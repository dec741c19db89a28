import type { ColumnObject, ConstraintObject, IndexObject } from '../../core/model/index.js';
import type { Finding, MigrationRule } from '../types.js';
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
        if (c.type === 'unique' || c.type === 'primary key' || c.type === 'exclude') what = `adds ${c.type.toUpperCase()} constraint ${c.qname} to existing table ${c.table}`;
      } else if (s.kind === 'index' && s.op === 'create' && m.afterFacts.indexes.find((i) => i.id === s.objectId)?.unique) {
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
