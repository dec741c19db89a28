import type { ExtensionObject, SchemaObject } from '../../core/model/index.js';
import type { KindRules } from '../types.js';
import { commentOn, createComment, literal } from './sql.js';

export const schemaRules: KindRules<SchemaObject> = {
  kind: 'schema',
  order: 0,
  create: (o) => [{ sql: `CREATE SCHEMA ${o.qname}`, lock: 'none' }, ...createComment(`SCHEMA ${o.qname}`, o.comment)],
  drop: (o) => [{ sql: `DROP SCHEMA ${o.qname}`, lock: 'none' }],
  alter: (a, b) => (a.comment !== b.comment ? [{ sql: commentOn(`SCHEMA ${b.qname}`, b.comment), lock: 'none' }] : []),
};

export const extensionRules: KindRules<ExtensionObject> = {
  kind: 'extension',
  order: 1,
  create: (o) => [
    {
      sql: `CREATE EXTENSION ${o.qname} WITH SCHEMA ${o.schema}${o.version === o.defaultVersion ? '' : ` VERSION ${literal(o.version)}`}`,
      lock: 'none',
    },
    ...createComment(`EXTENSION ${o.qname}`, o.comment),
  ],
  drop: (o) => [{ sql: `DROP EXTENSION ${o.qname}`, lock: 'none' }],
  alter: (a, b, ctx) => {
    // No update path (a downgrade, usually): drop and create, but only when nothing
    // depends on the extension, since dropping it would take dependents' data along.
    const noPath = a.version !== b.version && !(a.reachableVersions ?? []).includes(b.version);
    // (Its own members go with it.)
    if (noPath && ctx.from.dependents(a.id).every((d) => ctx.from.get(d)?.kind === 'extension_member')) return null;
    const out = [];
    if (a.schema !== b.schema) out.push({ sql: `ALTER EXTENSION ${b.qname} SET SCHEMA ${b.schema}`, lock: 'none' as const });
    if (a.version !== b.version) out.push({ sql: `ALTER EXTENSION ${b.qname} UPDATE TO ${literal(b.version)}`, lock: 'none' as const });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`EXTENSION ${b.qname}`, b.comment), lock: 'none' as const });
    return out;
  },
};
