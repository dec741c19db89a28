import type { IndexObject } from '../../core/model/index.js';
import type { MigrationRule } from '../types.js';
import { existingRelation, migrationFinding, objectsOf, sizeNote, statementFor } from './helpers.js';

/** An index built on a table that existed before, by a statement without CONCURRENTLY: writes wait for the whole build. */
export const indexNotConcurrent: MigrationRule = {
  id: 'index-not-concurrent',
  scope: 'migration',
  severity: 'warning',
  summary: 'builds an index on an existing table without CONCURRENTLY',
  check(m, ctx) {
    return m.steps
      .filter((s) => s.kind === 'index' && s.op === 'create' && s.hazards.includes('index-build'))
      .flatMap((s) => {
        const rel = existingRelation(m, s.objectId);
        const stmt = statementFor(m, s.objectId);
        // An index that no statement names (it came with a constraint) is the constraint rules' business.
        if (!rel || !stmt || stmt.kind !== 'IndexStmt' || stmt.concurrent) return [];
        const i = objectsOf(m).get(s.objectId) as IndexObject;
        return [migrationFinding(m, ctx, 'index-not-concurrent', s.objectId, `builds index ${i.qname} on existing table ${i.table} without CONCURRENTLY, holding a ${s.lock} lock that blocks writes${sizeNote(m, rel)}`, 'CREATE INDEX CONCURRENTLY in a migration of its own starting with -- strata:no-transaction')];
      });
  },
};
