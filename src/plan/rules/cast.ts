import type { CastObject, ConversionObject } from '../../core/model/index.js';
import type { KindRules } from '../types.js';
import { commentOn, createComment, literal } from './sql.js';

const castName = (c: CastObject) => `CAST (${c.source} AS ${c.target})`;
const METHOD = { function: '', binary: ' WITHOUT FUNCTION', inout: ' WITH INOUT' } as const;
const CONTEXT = { explicit: '', assignment: ' AS ASSIGNMENT', implicit: ' AS IMPLICIT' } as const;

/** There is no ALTER CAST: a changed cast is dropped and created. Catalog-only DDL. */
export const castRules: KindRules<CastObject> = {
  kind: 'cast',
  order: 10.15,
  create: (c) => [
    { sql: `CREATE ${castName(c)}${c.method === 'function' ? ` WITH FUNCTION ${c.function}` : METHOD[c.method]}${CONTEXT[c.context]}`, lock: 'none' },
    ...createComment(castName(c), c.comment),
  ],
  drop: (c) => [{ sql: `DROP ${castName(c)}`, lock: 'none' }],
  alter(a, b) {
    if (a.method !== b.method || a.function !== b.function || a.context !== b.context) return null;
    return a.comment === b.comment ? [] : [{ sql: commentOn(castName(b), b.comment), lock: 'none' }];
  },
};

/** ALTER CONVERSION only renames, moves or re-owns: a changed conversion is dropped and created. */
export const conversionRules: KindRules<ConversionObject> = {
  kind: 'conversion',
  order: 10.16,
  create: (c) => [
    { sql: `CREATE${c.isDefault ? ' DEFAULT' : ''} CONVERSION ${c.qname} FOR ${literal(c.from)} TO ${literal(c.to)} FROM ${c.function}`, lock: 'none' },
    ...createComment(`CONVERSION ${c.qname}`, c.comment),
  ],
  drop: (c) => [{ sql: `DROP CONVERSION ${c.qname}`, lock: 'none' }],
  alter(a, b) {
    if (a.from !== b.from || a.to !== b.to || a.function !== b.function || a.isDefault !== b.isDefault) return null;
    return a.comment === b.comment ? [] : [{ sql: commentOn(`CONVERSION ${b.qname}`, b.comment), lock: 'none' }];
  },
};
