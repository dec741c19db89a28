/**
 * What each extension owns, as ALTER EXTENSION ADD/DROP names it. Array types come
 * with their element type and a table's row type with the table, so neither is listed.
 */
import { formatId, makeId } from '../../core/ids.js';
import { address, type KindReader } from '../context.js';

const RELKIND: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'materialized_view', S: 'sequence', f: 'foreign_table' };
const TYPTYPE: Record<string, string> = { e: 'enum', d: 'domain', r: 'range_type', c: 'composite_type' };

export const extensionMembersReader: KindReader = {
  name: 'extension members',
  sql: `
SELECT e.oid AS ext_oid, e.extname, quote_ident(e.extname) AS ext, o.type, o.identity,
       c.relkind, cn.nspname AS c_schema, c.relname,
       t.typtype, tn.nspname AS t_schema, t.typname, (t.typelem <> 0 AND t.typcategory = 'A') AS is_array,
       (SELECT tc.relkind FROM pg_class tc WHERE tc.oid = t.typrelid) AS typrelkind,
       pn.nspname AS p_schema, p.proname, oidvectortypes(p.proargtypes) AS argtypes, ns.nspname AS ns_name,
       (SELECT json_agg(json_build_array(x.cls, x.objid)) FROM (
          SELECT x.classid::regclass::text AS cls, x.objid::text AS objid FROM pg_depend x
           WHERE x.refclassid = 'pg_class'::regclass AND x.refobjid = c.oid AND x.deptype IN ('a', 'n', 'i')
             AND x.classid IN ('pg_constraint'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_rewrite'::regclass)
          UNION ALL SELECT 'pg_class', i.indexrelid::text FROM pg_index i WHERE i.indrelid = c.oid) x) AS parts
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid
CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, 0) o
LEFT JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
LEFT JOIN pg_namespace cn ON cn.oid = c.relnamespace
LEFT JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid
LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace
LEFT JOIN pg_namespace ns ON d.classid = 'pg_namespace'::regclass AND ns.oid = d.objid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND d.objsubid = 0`,
  read(rows, ctx) {
    for (const r of rows) {
      // A composite type is its pg_type row (ALTER EXTENSION ADD TYPE); indexes and toast tables come with their table.
      if (r.is_array || (r.typrelkind && r.typrelkind !== 'c') || ['i', 'I', 't', 'c'].includes(r.relkind)) continue;
      const extId = ctx.idAt(address('pg_extension', r.ext_oid));
      if (!extId) continue;
      let memberId: string | null = null;
      if (r.relkind) memberId = RELKIND[r.relkind] ? makeId(RELKIND[r.relkind]!, r.c_schema, r.relname) : null;
      else if (r.typtype) memberId = TYPTYPE[r.typtype] ? makeId(TYPTYPE[r.typtype]!, r.t_schema, r.typname) : null;
      else if (r.proname) memberId = formatId({ kind: 'function', parts: [r.p_schema, r.proname], args: r.argtypes });
      else if (r.ns_name) memberId = makeId('schema', r.ns_name);
      const type = r.type === 'foreign-data wrapper' ? 'FOREIGN DATA WRAPPER' : String(r.type).toUpperCase();
      const member = `${type} ${r.identity}`;
      const id = makeId('extension_member', r.extname, member);
      // What lives on a member table (its indexes, constraints, triggers) is the extension's too.
      for (const [cls, oid] of (r.parts ?? []) as [string, string][]) ctx.alias(address(cls, oid), id);
      ctx.add({
        kind: 'extension_member',
        id,
        parent: extId,
        comment: null,
        dependsOn: [extId],
        extension: r.ext,
        member,
        memberId,
      });
    }
  },
};
