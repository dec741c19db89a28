import type { MigrationRule } from '../types.js';
import { existingRelation, migrationFinding, objectsOf, qname, sizeNote } from './helpers.js';

/** A step that rewrites an existing table (type change, SET LOGGED, stored generated column) under ACCESS EXCLUSIVE. */
export const tableRewrite: MigrationRule = {
  id: 'table-rewrite',
  scope: 'migration',
  severity: 'warning',
  summary: 'rewrites an existing table under an ACCESS EXCLUSIVE lock',
  check(m, ctx) {
    // A column renamed into place (the swap of a copy-and-backfill widening) is not rewritten.
    const renamedTo = new Set(m.statements.flatMap((s) => s.renames.map(([, to]) => to)));
    return m.steps
      .filter((s) => s.hazards.includes('table-rewrite') && !renamedTo.has(s.objectId))
      .flatMap((s) => {
        const rel = existingRelation(m, s.objectId);
        if (!rel) return [];
        const o = objectsOf(m).get(s.objectId);
        return [migrationFinding(m, ctx, 'table-rewrite', s.objectId, `${s.op}s ${s.kind} ${qname(o)}: rewrites table ${qname(rel)} under ${s.lock}, blocking reads and writes${sizeNote(m, rel)}`, 'add a new column, backfill in batches and switch over, instead of changing the column in place')];
      });
  },
};
