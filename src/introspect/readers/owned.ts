/** Owner objects for the kinds whose readers read the owner themselves (the privileges reader covers the rest). */
import { formatId, parseId, type NamedId } from '../../core/ids.js';
import type { ReadContext } from '../context.js';

/** `ALTER <target> OWNER TO <role>`: `target` is the statement's class and name (`OPERATOR s.=== (integer, integer)`). */
export function addOwner(ctx: ReadContext, targetId: string, target: string, role: string): void {
  ctx.add({
    kind: 'owner',
    id: formatId({ kind: 'owner', target: parseId(targetId) as NamedId }),
    parent: targetId,
    comment: null,
    dependsOn: [targetId],
    target,
    role,
  });
}

/** SQL for the quoted name of the role `col` (an owner oid). */
export const ownerName = (col: string): string => `quote_ident(pg_get_userbyid(${col}))`;

/** SQL for an object's comment; `oid` is the row's oid column (`x.oid`). */
export const describe = (catalog: string, oid: string): string =>
  `(SELECT dsc.description FROM pg_description dsc WHERE dsc.classoid = '${catalog}'::regclass AND dsc.objoid = ${oid} AND dsc.objsubid = 0)`;

/** A json or json[] column as the driver returns it (parsed or text). */
export function json<T>(v: unknown, empty: T): T {
  if (v == null) return empty;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
