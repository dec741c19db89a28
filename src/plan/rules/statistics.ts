import type { StatisticsObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

// CREATE and DROP STATISTICS take SHARE UPDATE EXCLUSIVE on the table: reads and writes go on.
const LOCK = 'SHARE UPDATE EXCLUSIVE' as const;

const targetSql = (s: StatisticsObject): Statement => ({ sql: `ALTER STATISTICS ${s.qname} SET STATISTICS ${s.target ?? -1}`, lock: LOCK });

/** After the table's columns and indexes (statistics on expressions may call functions). */
export const statisticsRules: KindRules<StatisticsObject> = {
  kind: 'statistics',
  order: 10.5,
  create: (s) => [
    { sql: s.definition, lock: LOCK },
    ...(s.target === null ? [] : [targetSql(s)]),
    ...createComment(`STATISTICS ${s.qname}`, s.comment),
  ],
  drop: (s) => [{ sql: `DROP STATISTICS ${s.qname}`, lock: LOCK }],
  alter(a, b) {
    if (a.definition !== b.definition || a.table !== b.table) return null;
    const out: Statement[] = [];
    if (a.target !== b.target) out.push(targetSql(b));
    if (a.comment !== b.comment) out.push({ sql: commentOn(`STATISTICS ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};
