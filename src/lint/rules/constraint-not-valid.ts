import type { ConstraintObject } from '../../core/model/index.js';
import type { MigrationRule } from '../types.js';
import { existingRelation, migrationFinding, objectsOf, sizeNote } from './helpers.js';

/**
 * A FOREIGN KEY or CHECK added to an existing table that ends the migration validated: the scan ran
 * under the ADD CONSTRAINT lock. NOT VALID here and VALIDATE CONSTRAINT in a later migration avoids that.
 */
export const constraintNotValid: MigrationRule = {
  id: 'constraint-not-valid',
  scope: 'migration',
  severity: 'warning',
  summary: 'adds a FOREIGN KEY or CHECK to an existing table without NOT VALID + a later VALIDATE',
  check(m, ctx) {
    return m.steps
      .filter((s) => s.kind === 'constraint' && s.op === 'create' && s.hazards.includes('validation-scan'))
      .flatMap((s) => {
        const c = objectsOf(m).get(s.objectId) as ConstraintObject;
        const rel = existingRelation(m, s.objectId);
        if (!rel || (c.type !== 'foreign key' && c.type !== 'check')) return [];
        return [migrationFinding(m, ctx, 'constraint-not-valid', s.objectId, `adds ${c.type.toUpperCase()} ${c.qname} to existing table ${c.table} and validates it under a ${s.lock} lock${sizeNote(m, rel)}`, 'add it NOT VALID here and run ALTER TABLE ... VALIDATE CONSTRAINT in the next migration')];
      });
  },
};
