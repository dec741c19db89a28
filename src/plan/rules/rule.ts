import type { RuleObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

const ENABLE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' } as const;

const enableSql = (r: RuleObject): Statement => ({ sql: `ALTER TABLE ${r.table} ${ENABLE[r.enabled]} RULE ${r.qname}`, lock: 'SHARE ROW EXCLUSIVE' });

/** After the functions, views and triggers its actions may use. */
export const ruleRules: KindRules<RuleObject> = {
  kind: 'rule',
  order: 11.5,
  // A rule's actions hold parsed column references: a column type change refuses to run under them.
  recreateOnDependencyChange: true,
  create: (r) => [
    // CREATE RULE takes ACCESS EXCLUSIVE on the relation.
    { sql: r.definition, lock: 'ACCESS EXCLUSIVE', hazards: ['blocking-lock'] },
    ...(r.enabled === 'O' ? [] : [enableSql(r)]),
    ...createComment(`RULE ${r.qname} ON ${r.table}`, r.comment),
  ],
  drop: (r) => [{ sql: `DROP RULE ${r.qname} ON ${r.table}`, lock: 'ACCESS EXCLUSIVE', hazards: ['blocking-lock'] }],
  alter(a, b) {
    const out: Statement[] = [];
    // CREATE OR REPLACE RULE swaps the actions atomically.
    if (a.definition !== b.definition) {
      out.push({ sql: b.definition.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE '), lock: 'ACCESS EXCLUSIVE', hazards: ['blocking-lock'] });
    }
    if (a.enabled !== b.enabled) out.push(enableSql(b));
    if (a.comment !== b.comment) out.push({ sql: commentOn(`RULE ${b.qname} ON ${b.table}`, b.comment), lock: 'none' });
    return out;
  },
};
