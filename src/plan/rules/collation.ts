import type { CollationObject } from '../../core/model/index.js';
import type { KindRules } from '../types.js';
import { commentOn, createComment, literal } from './sql.js';

function options(c: CollationObject): string {
  const o = [`provider = ${c.provider}`];
  if (c.provider === 'libc') {
    if (c.lcCollate !== null) o.push(`lc_collate = ${literal(c.lcCollate)}`);
    if (c.lcCtype !== null) o.push(`lc_ctype = ${literal(c.lcCtype)}`);
  } else if (c.locale !== null) o.push(`locale = ${literal(c.locale)}`);
  if (!c.deterministic) o.push('deterministic = false');
  if (c.rules !== null) o.push(`rules = ${literal(c.rules)}`);
  return o.join(', ');
}

export const collationRules: KindRules<CollationObject> = {
  kind: 'collation',
  order: 2,
  create: (c) => [{ sql: `CREATE COLLATION ${c.qname} (${options(c)})`, lock: 'none' }, ...createComment(`COLLATION ${c.qname}`, c.comment)],
  drop: (c) => [{ sql: `DROP COLLATION ${c.qname}`, lock: 'none' }],
  alter(a, b) {
    const { comment: _ca, ...ra } = a;
    const { comment: _cb, ...rb } = b;
    if (JSON.stringify({ ...ra, dependsOn: [] }) !== JSON.stringify({ ...rb, dependsOn: [] })) return null;
    return [{ sql: commentOn(`COLLATION ${b.qname}`, b.comment), lock: 'none' }];
  },
};
