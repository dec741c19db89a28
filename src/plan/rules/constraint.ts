import type { ConstraintObject, IndexObject } from '../../core/model/index.js';
import type { Hazard, KindRules, LockLevel, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

function addCost(c: ConstraintObject): { hazards: Hazard[]; lock: LockLevel } {
  switch (c.type) {
    case 'foreign key':
      return { hazards: c.validated ? ['validation-scan', 'blocking-lock'] : ['blocking-lock'], lock: 'SHARE ROW EXCLUSIVE' };
    case 'check':
      return { hazards: c.validated ? ['validation-scan', 'blocking-lock'] : ['blocking-lock'], lock: 'ACCESS EXCLUSIVE' };
    default:
      return { hazards: ['index-build', 'blocking-lock'], lock: 'ACCESS EXCLUSIVE' };
  }
}

const DEFERRABLE = / (DEFERRABLE(?: INITIALLY DEFERRED)?)$/;

/** pg_get_constraintdef ends with ` DEFERRABLE [INITIALLY DEFERRED]` when the constraint is deferrable. */
function splitDeferrable(def: string): { base: string; timing: string } {
  const m = DEFERRABLE.exec(def);
  if (!m) return { base: def, timing: '' };
  const timing = m[1]!.includes('DEFERRED') ? m[1]! : `${m[1]} INITIALLY IMMEDIATE`;
  return { base: def.slice(0, m.index), timing };
}

export const constraintRules: KindRules<ConstraintObject> = {
  kind: 'constraint',
  order: 6,
  create: (c) => [
    { sql: `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.qname} ${c.definition}${c.validated ? '' : ' NOT VALID'}`, ...addCost(c) },
    ...createComment(`CONSTRAINT ${c.qname} ON ${c.table}`, c.comment),
  ],
  drop: (c) => [{ sql: `ALTER TABLE ${c.table} DROP CONSTRAINT ${c.qname}`, lock: 'ACCESS EXCLUSIVE' }],
  alter(a, b) {
    if (a.type !== b.type || (a.validated && !b.validated)) return null;
    const out: Statement[] = [];
    if (a.definition !== b.definition) {
      // Only a foreign key's deferrability changes in place; anything else is drop and add.
      const da = splitDeferrable(a.definition);
      const db = splitDeferrable(b.definition);
      if (a.type !== 'foreign key' || da.base !== db.base) return null;
      out.push({
        sql: `ALTER TABLE ${b.table} ALTER CONSTRAINT ${b.qname} ${db.timing || 'NOT DEFERRABLE'}`,
        lock: 'SHARE ROW EXCLUSIVE',
      });
    }
    if (!a.validated && b.validated) {
      out.push({
        sql: `ALTER TABLE ${b.table} VALIDATE CONSTRAINT ${b.qname}`,
        hazards: ['validation-scan'],
        lock: 'SHARE UPDATE EXCLUSIVE',
      });
    }
    if (a.comment !== b.comment) out.push({ sql: commentOn(`CONSTRAINT ${b.qname} ON ${b.table}`, b.comment), lock: 'none' });
    return out;
  },
};

export const indexRules: KindRules<IndexObject> = {
  kind: 'index',
  order: 7,
  create: (i) => [
    { sql: i.definition, hazards: ['index-build', 'blocking-lock'], lock: 'SHARE' },
    ...createComment(`INDEX ${i.qname}`, i.comment),
  ],
  drop: (i) => [{ sql: `DROP INDEX ${i.qname}`, lock: 'ACCESS EXCLUSIVE' }],
  alter(a, b) {
    if (a.definition !== b.definition || a.table !== b.table) return null;
    return a.comment !== b.comment ? [{ sql: commentOn(`INDEX ${b.qname}`, b.comment), lock: 'none' }] : [];
  },
};
