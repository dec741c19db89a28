import type { AccessMethodObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

/** Before the tables and indexes that use it, after the handler function. */
export const accessMethodRules: KindRules<AccessMethodObject> = {
  kind: 'access_method',
  order: 3.5,
  create: (a) => [
    { sql: `CREATE ACCESS METHOD ${a.qname} TYPE ${a.type.toUpperCase()} HANDLER ${a.handler}`, lock: 'none' },
    ...createComment(`ACCESS METHOD ${a.qname}`, a.comment),
  ],
  drop: (a) => [{ sql: `DROP ACCESS METHOD ${a.qname}`, lock: 'none' }],
  // There is no ALTER ACCESS METHOD: a new type or handler is a new access method.
  alter(a, b) {
    if (a.type !== b.type || a.handler !== b.handler) return null;
    const out: Statement[] = [];
    if (a.comment !== b.comment) out.push({ sql: commentOn(`ACCESS METHOD ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};
