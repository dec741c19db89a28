/** Replica identity other than DEFAULT (the table's other physical options are table and column fields). */
import { makeId } from '../../core/ids.js';
import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

const IDENTITY: Record<string, 'full' | 'nothing' | 'index'> = { f: 'full', n: 'nothing', i: 'index' };

export const replicaIdentityReader: KindReader = {
  name: 'replica_identity',
  sql: `
SELECT c.oid, n.nspname AS schema, c.relname AS name, ${qualified('n.nspname', 'c.relname')} AS qname, c.relreplident AS ident,
       ri.indexrelid AS index_oid, quote_ident(ic.relname) AS index_name
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index ri ON ri.indrelid = c.oid AND ri.indisreplident
LEFT JOIN pg_class ic ON ic.oid = ri.indexrelid
WHERE c.relkind IN ('r', 'p') AND c.relreplident <> 'd' AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      const tableId = ctx.idAt(address('pg_class', r.oid));
      const identity = IDENTITY[r.ident as string];
      if (!tableId || !identity) continue;
      // USING INDEX whose index is gone behaves as NOTHING; say so rather than name a missing index.
      const index = identity === 'index' ? (r.index_name as string | null) : null;
      const indexId = r.index_oid != null ? ctx.idAt(address('pg_class', r.index_oid)) : undefined;
      ctx.add({
        kind: 'replica_identity',
        id: makeId('replica_identity', r.schema, r.name),
        parent: tableId,
        comment: null,
        dependsOn: indexId ? [tableId, indexId] : [tableId],
        table: r.qname,
        identity: identity === 'index' && !index ? 'nothing' : identity,
        index,
      });
    }
  },
};
