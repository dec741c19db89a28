import type { ColumnObject } from '../../core/model/index.js';
import type { MigrationRule } from '../types.js';
import { existingRelation, migrationFinding, objectsOf, sizeNote } from './helpers.js';

/** A column added to an existing table with a default that calls a volatile function: every row is rewritten. */
export const volatileDefault: MigrationRule = {
  id: 'volatile-default',
  scope: 'migration',
  severity: 'warning',
  summary: 'adds a column with a volatile default to an existing table (rewrites it)',
  check(m, ctx) {
    const volatile = new Set(m.afterFacts.volatileDefaults);
    return m.steps
      .filter((s) => s.kind === 'column' && s.op === 'create' && volatile.has(s.objectId))
      .flatMap((s) => {
        const rel = existingRelation(m, s.objectId);
        if (!rel) return [];
        const c = objectsOf(m).get(s.objectId) as ColumnObject;
        return [migrationFinding(m, ctx, 'volatile-default', s.objectId, `adds ${c.table}.${c.qname} with volatile default ${c.default}: rewrites the table under ACCESS EXCLUSIVE${sizeNote(m, rel)}`, 'add the column without a default (or with a constant), backfill in batches, then SET DEFAULT')];
      });
  },
};
