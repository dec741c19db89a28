/**
 * Privileges (GRANT), default privileges (ALTER DEFAULT PRIVILEGES) and owners.
 * ACLs are read through aclexplode(coalesce(acl, acldefault(...))), so a NULL acl
 * (the built-in defaults) and its explicit expansion read the same. Runs after
 * every reader of the objects privileges sit on: a privilege whose object is not
 * in the snapshot (extension members, kinds not read) is left out with it.
 */
import { formatId, isNamedIdText, makeId, ownerIdOf, privilegeIdOf } from '../../core/ids.js';
import type { DefaultPrivilegeClass, DefaultPrivilegeObject, PrivilegeObject, PrivilegeTarget } from '../../core/model/index.js';
import { DEFAULT_CLASS } from '../../core/model/privilege.js';

import { address, qualified, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';

const ROLE = (oid: string) => `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(${oid})) END`;

export const privilegesReader: KindReader = {
  name: 'privileges',
  sql: `
WITH target AS (
  SELECT 'pg_namespace' AS cls, n.oid, 0 AS subid, 'SCHEMA' AS ttype, 'SCHEMA' AS okind, quote_ident(n.nspname) AS tname,
         NULL::text AS col, NULL::text AS schema, n.nspowner AS owner, coalesce(n.nspacl, acldefault('n', n.nspowner)) AS acl
    FROM pg_namespace n WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  UNION ALL
  SELECT 'pg_class', c.oid, 0, CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
         -- A sequence OWNED BY a column takes its table's owner and cannot be given another.
         CASE WHEN c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend dp WHERE dp.classid = 'pg_class'::regclass AND dp.objid = c.oid
                                                  AND dp.refclassid = 'pg_class'::regclass AND dp.deptype = 'a') THEN NULL
              ELSE CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END END,
         ${qualified('n.nspname', 'c.relname')}, NULL, quote_ident(n.nspname), c.relowner,
         coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
     -- An identity sequence is part of its column, not an object of the snapshot: its rows would find no target.
     AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend dp WHERE dp.classid = 'pg_class'::regclass AND dp.objid = c.oid
                                            AND dp.refclassid = 'pg_class'::regclass AND dp.deptype = 'i'))
  UNION ALL
  SELECT 'pg_class', c.oid, a.attnum, 'TABLE', NULL, ${qualified('n.nspname', 'c.relname')}, quote_ident(a.attname), quote_ident(n.nspname), c.relowner, a.attacl
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  UNION ALL
  SELECT 'pg_proc', p.oid, 0, CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
         CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
         ${qualified('n.nspname', 'p.proname')} || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, quote_ident(n.nspname), p.proowner,
         coalesce(p.proacl, acldefault('f', p.proowner))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}
  UNION ALL
  SELECT 'pg_type', t.oid, 0, CASE WHEN t.typtype = 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
         CASE WHEN t.typtype = 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
         format_type(t.oid, NULL), NULL, quote_ident(n.nspname), t.typowner, coalesce(t.typacl, acldefault('T', t.typowner))
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class c ON c.oid = t.typrelid
   WHERE (t.typtype IN ('d', 'e', 'r') OR (t.typtype = 'c' AND c.relkind = 'c')) AND ${SYSTEM_SCHEMA_FILTER('n.nspname')}
)
SELECT t.cls, t.oid, t.subid, t.ttype, t.okind, t.tname, t.col, t.schema, quote_ident(pg_get_userbyid(t.owner)) AS owner,
       ${ROLE('x.grantee')} AS grantee, x.privilege_type AS priv, x.is_grantable AS grantable
FROM target t
LEFT JOIN LATERAL (SELECT * FROM aclexplode(t.acl) e WHERE e.grantee <> t.owner) x ON true
ORDER BY t.cls, t.oid, t.subid, grantee, priv`,
  read(rows, ctx) {
    const byId = new Map<string, PrivilegeObject>();
    const defaults = ctx.objects.filter((o): o is DefaultPrivilegeObject => o.kind === 'default_privilege');
    const publicDefault = new Set<string>();
    for (const r of rows) {
      if (ctx.ownedByExtension(r.cls, r.oid)) continue;
      const targetId = r.subid ? (ctx.idAt(address(r.cls, r.oid, r.subid)) ?? ctx.idAt(address(r.cls, r.oid))) : ctx.idAt(address(r.cls, r.oid));
      if (!targetId) continue;
      const target = ctx.get(targetId);
      // An alias can point at another kind (a table's row type); privileges sit on the object itself.
      if (!target) continue;
      // An owner or privilege id wraps the target's id as it is: no need to take it apart.
      if (!isNamedIdText(targetId)) continue;
      if (!r.subid && r.okind) {
        ctx.add({
          kind: 'owner',
          id: ownerIdOf(targetId),
          parent: targetId,
          comment: null,
          dependsOn: [targetId],
          target: `${r.okind} ${r.tname}`,
          role: r.owner,
        });
      }
      const ttype = r.ttype as PrivilegeTarget;
      const column: string | null = r.subid && r.col ? r.col : null;
      const ensure = (grantee: string): PrivilegeObject => {
        const id = privilegeIdOf(targetId, column, grantee);
        let p = byId.get(id);
        if (!p) {
          p = {
            kind: 'privilege',
            id,
            parent: targetId,
            comment: null,
            dependsOn: [targetId, formatId({ kind: 'role', role: r.owner })],
            targetType: ttype,
            target: r.tname,
            schema: r.schema ?? null,
            column: r.subid ? r.col : null,
            grantee,
            privileges: [],
            grantable: [],
          };
          byId.set(id, p);
        }
        return p;
      };
      // Functions and types grant PUBLIC by default: keep an entry for PUBLIC even when revoked.
      if (!r.subid && !publicDefault.has(targetId)) {
        publicDefault.add(targetId);
        if (['FUNCTION', 'PROCEDURE', 'TYPE', 'DOMAIN'].includes(ttype)) ensure('PUBLIC');
        // Grantees the owner's default privileges name: kept when revoked, so a new object drops them too.
        for (const d of defaults) {
          if (!d.ownerDefault && d.role === r.owner && d.objectClass === DEFAULT_CLASS[ttype] && (d.schema === null || d.schema === r.schema)) ensure(d.grantee);
        }
      }
      if (r.grantee == null) continue;
      const p = ensure(r.grantee);
      if (!p.privileges.includes(r.priv)) p.privileges.push(r.priv);
      if (r.grantable && !p.grantable.includes(r.priv)) p.grantable.push(r.priv);
    }
    for (const p of byId.values()) {
      p.privileges.sort();
      p.grantable.sort();
      ctx.add(p);
    }
  },
};

const CLASSES: Record<string, DefaultPrivilegeClass> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

export const defaultPrivilegesReader: KindReader = {
  name: 'default_privileges',
  sql: `
SELECT da.oid, quote_ident(pg_get_userbyid(da.defaclrole)) AS role, pg_get_userbyid(da.defaclrole) AS role_name,
       n.nspname AS schema_name, quote_ident(n.nspname) AS schema, da.defaclobjtype AS objtype,
       ${ROLE('x.grantee')} AS grantee, x.privilege_type AS priv, x.is_grantable AS grantable, x.grantee = da.defaclrole AS self,
       (SELECT array_agg(o.privilege_type ORDER BY o.privilege_type) FROM aclexplode(acldefault(da.defaclobjtype, da.defaclrole)) o
         WHERE o.grantee = da.defaclrole) AS owner_default
FROM pg_default_acl da
LEFT JOIN pg_namespace n ON n.oid = da.defaclnamespace
-- The role's own entry matters only in a global entry (an owner revoking its own default privileges).
LEFT JOIN LATERAL (SELECT * FROM aclexplode(da.defaclacl) e WHERE e.grantee <> da.defaclrole OR da.defaclnamespace = 0) x ON true
ORDER BY da.oid, grantee, priv`,
  read(rows, ctx) {
    const byId = new Map<string, DefaultPrivilegeObject>();
    const make = (r: Record<string, any>, grantee: string): DefaultPrivilegeObject => ({
      kind: 'default_privilege' as const,
      id: makeId('default_privilege', r.role_name, r.schema_name ?? '*', CLASSES[r.objtype]!, grantee),
      parent: null,
      comment: null,
      dependsOn: r.schema_name ? [makeId('schema', r.schema_name)] : [],
      role: r.role as string,
      schema: (r.schema ?? null) as string | null,
      objectClass: CLASSES[r.objtype]!,
      grantee,
      privileges: [] as string[],
      grantable: [] as string[],
    });
    const ensure = (r: Record<string, any>, grantee: string) => {
      const o = make(r, grantee);
      const got = byId.get(o.id);
      if (got) return got;
      byId.set(o.id, o);
      return o;
    };
    const own = new Map<string, DefaultPrivilegeObject>();
    for (const r of rows) {
      if (!CLASSES[r.objtype]) continue;
      if (r.schema_name && !ctx.get(makeId('schema', r.schema_name))) continue;
      // A global entry replaces the built-in defaults, PUBLIC's EXECUTE/USAGE included.
      if (!r.schema_name && (r.objtype === 'f' || r.objtype === 'T')) ensure(r, 'PUBLIC');
      if (!r.schema_name && !own.has(`${r.oid}`)) {
        // Kept apart until read in full: it is an object only when the role lacks some of its own defaults.
        const o = make(r, r.role);
        o.ownerDefault = [...(r.owner_default ?? [])];
        own.set(`${r.oid}`, o);
      }
      if (r.grantee == null) continue;
      const o = r.self ? own.get(`${r.oid}`)! : ensure(r, r.grantee);
      if (!o.privileges.includes(r.priv)) o.privileges.push(r.priv);
      if (r.grantable && !o.grantable.includes(r.priv)) o.grantable.push(r.priv);
    }
    for (const o of own.values()) {
      o.privileges.sort();
      if (o.privileges.join() !== o.ownerDefault!.join() || o.grantable.length) byId.set(o.id, o);
    }
    for (const o of byId.values()) {
      o.privileges.sort();
      o.grantable.sort();
      ctx.add(o);
    }
  },
};
