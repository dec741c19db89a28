/**
 * Publications, and each table a publication names with its column list and row
 * filter. Schema-wide and all-tables publications list no tables of their own.
 */
import { makeId } from '../../core/ids.js';
import { address, qualified, type KindReader } from '../context.js';

export const publicationsReader: KindReader = {
  name: 'publications',
  sql: `
SELECT p.oid, p.pubname AS name, quote_ident(p.pubname) AS qname, p.puballtables AS all_tables,
       p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot,
       to_jsonb(p.*) ->> 'pubgencols' AS gencols,
       (SELECT json_agg(json_build_object('oid', n.oid, 'name', n.nspname, 'qname', quote_ident(n.nspname)) ORDER BY n.nspname)
          FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid) AS schemas,
       d.description
FROM pg_publication p
LEFT JOIN pg_description d ON d.classoid = 'pg_publication'::regclass AND d.objoid = p.oid AND d.objsubid = 0`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_publication', r.oid)) continue;
      const schemas: { oid: string; name: string; qname: string }[] = r.schemas ?? [];
      const publish = (['insert', 'update', 'delete', 'truncate'] as const).filter((op) => r[`pub${op}`]);
      ctx.add(
        {
          kind: 'publication',
          id: makeId('publication', r.name),
          parent: null,
          comment: r.description,
          dependsOn: schemas.map((s) => makeId('schema', s.name)),
          name: r.name,
          qname: r.qname,
          allTables: r.all_tables,
          schemas: schemas.map((s) => s.qname),
          publish,
          viaRoot: r.pubviaroot,
          generatedColumns: r.gencols == null ? null : r.gencols === 's' ? 'stored' : 'none',
        },
        address('pg_publication', r.oid),
      );
    }
  },
};

export const publicationTablesReader: KindReader = {
  name: 'publication tables',
  sql: `
SELECT pr.oid, pr.prrelid, p.oid AS pub_oid, p.pubname, quote_ident(p.pubname) AS pub_qname, n.nspname AS schema, c.relname AS table_name,
       ${qualified('n.nspname', 'c.relname')} AS table_qname, pg_get_expr(pr.prqual, pr.prrelid) AS filter,
       (SELECT json_agg(quote_ident(a.attname) ORDER BY a.attnum) FROM pg_attribute a
         WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)) AS columns
FROM pg_publication_rel pr
JOIN pg_publication p ON p.oid = pr.prpubid
JOIN pg_class c ON c.oid = pr.prrelid
JOIN pg_namespace n ON n.oid = c.relnamespace`,
  read(rows, ctx) {
    for (const r of rows) {
      const pubId = ctx.idAt(address('pg_publication', r.pub_oid));
      const tableId = ctx.idAt(address('pg_class', r.prrelid));
      if (!pubId || !tableId) continue;
      ctx.add(
        {
          kind: 'publication_table',
          id: makeId('publication_table', r.pubname, r.schema, r.table_name),
          parent: pubId,
          comment: null,
          dependsOn: [pubId, tableId],
          publication: r.pub_qname,
          table: r.table_qname,
          columns: r.columns ?? null,
          where: r.filter ?? null,
        },
        address('pg_publication_rel', r.oid),
      );
    }
  },
};
