import type { EventTriggerObject, TriggerObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { commentOn, createComment, literal } from './sql.js';

const ENABLE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' } as const;

const enableSql = (t: TriggerObject): Statement => ({
  sql: `ALTER TABLE ${t.table} ${ENABLE[t.enabled]} TRIGGER ${t.qname}`,
  lock: 'SHARE ROW EXCLUSIVE',
});

export const triggerRules: KindRules<TriggerObject> = {
  kind: 'trigger',
  order: 11,
  // WHEN and UPDATE OF hold parsed column references: a column type change refuses to run under them.
  recreateOnDependencyChange: true,
  create: (t) => [
    { sql: t.definition, lock: 'SHARE ROW EXCLUSIVE' },
    ...(t.enabled === 'O' ? [] : [enableSql(t)]),
    ...createComment(`TRIGGER ${t.qname} ON ${t.table}`, t.comment),
  ],
  drop: (t) => [{ sql: `DROP TRIGGER ${t.qname} ON ${t.table}`, lock: 'ACCESS EXCLUSIVE' }],
  alter(a, b, ctx: RuleContext) {
    const out: Statement[] = [];
    if (a.definition !== b.definition || a.constraint !== b.constraint) {
      // CREATE OR REPLACE TRIGGER (PostgreSQL 14+) swaps it without a window with no trigger; not for constraint triggers.
      if (a.constraint || b.constraint || (ctx.serverVersion && ctx.serverVersion < 140000)) return null;
      out.push({ sql: b.definition.replace(/^CREATE TRIGGER /, 'CREATE OR REPLACE TRIGGER '), lock: 'SHARE ROW EXCLUSIVE' });
    }
    if (a.enabled !== b.enabled || (out.length && b.enabled !== 'O')) out.push(enableSql(b));
    if (a.comment !== b.comment) out.push({ sql: commentOn(`TRIGGER ${b.qname} ON ${b.table}`, b.comment), lock: 'none' });
    return out;
  },
};

const EVENT_ENABLE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' } as const;

export const eventTriggerRules: KindRules<EventTriggerObject> = {
  kind: 'event_trigger',
  order: 12,
  recreateOnDependencyChange: true,
  create: (e) => [
    {
      sql: `CREATE EVENT TRIGGER ${e.qname} ON ${e.event}${e.tags ? ` WHEN TAG IN (${e.tags.map(literal).join(', ')})` : ''} EXECUTE FUNCTION ${e.function}`,
      lock: 'none',
    },
    ...(e.enabled === 'O' ? [] : [{ sql: `ALTER EVENT TRIGGER ${e.qname} ${EVENT_ENABLE[e.enabled]}`, lock: 'none' as const }]),
    ...createComment(`EVENT TRIGGER ${e.qname}`, e.comment),
  ],
  drop: (e) => [{ sql: `DROP EVENT TRIGGER ${e.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.event !== b.event || a.function !== b.function || JSON.stringify(a.tags) !== JSON.stringify(b.tags)) return null;
    const out: Statement[] = [];
    if (a.enabled !== b.enabled) out.push({ sql: `ALTER EVENT TRIGGER ${b.qname} ${EVENT_ENABLE[b.enabled]}`, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`EVENT TRIGGER ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};
