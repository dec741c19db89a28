/**
 * Procedural languages (with USAGE privileges and owner) and transforms. A language
 * an extension creates, as most are, is the extension's and is not read.
 */
import { formatId, makeId } from '../../core/ids.js';
import type { PrivilegeObject } from '../../core/model/index.js';
import { address, type KindReader } from '../context.js';
import { addOwner, describe, json, ownerName } from './owned.js';

const proc = (col: string) => `CASE WHEN ${col} <> 0 THEN ${col}::regproc::text END`;
const ROLE = (oid: string) => `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(${oid})) END`;

export const languagesReader: KindReader = {
  name: 'languages',
  sql: `
SELECT l.oid, l.lanname AS name, quote_ident(l.lanname) AS qname, l.lanpltrusted AS trusted,
       ${proc('l.lanplcallfoid')} AS handler, ${proc('l.laninline')} AS inline, ${proc('l.lanvalidator')} AS validator,
       ${ownerName('l.lanowner')} AS owner, ${describe('pg_language', 'l.oid')} AS description,
       (SELECT json_agg(json_build_object('grantee', ${ROLE('x.grantee')}, 'priv', x.privilege_type, 'grantable', x.is_grantable))
          FROM aclexplode(coalesce(l.lanacl, acldefault('l', l.lanowner))) x WHERE x.grantee <> l.lanowner) AS acl
FROM pg_language l
WHERE l.oid >= 16384 AND l.lanispl`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_language', r.oid)) continue;
      const id = makeId('language', r.name);
      ctx.add(
        {
          kind: 'language',
          id,
          parent: null,
          comment: r.description,
          dependsOn: [],
          name: r.name,
          qname: r.qname,
          trusted: r.trusted,
          handler: r.handler,
          inline: r.inline ?? null,
          validator: r.validator ?? null,
        },
        address('pg_language', r.oid),
      );
      addOwner(ctx, id, `LANGUAGE ${r.qname}`, r.owner);
      // GRANT and REVOKE refuse untrusted languages (only superusers use them).
      if (!r.trusted) continue;
      // PUBLIC holds USAGE by default: its entry is kept, empty when revoked.
      const held = new Map<string, { privileges: Set<string>; grantable: Set<string> }>([['PUBLIC', { privileges: new Set(), grantable: new Set() }]]);
      for (const a of json<{ grantee: string; priv: string; grantable: boolean }[]>(r.acl, [])) {
        const h = held.get(a.grantee) ?? { privileges: new Set<string>(), grantable: new Set<string>() };
        held.set(a.grantee, h);
        h.privileges.add(a.priv);
        if (a.grantable) h.grantable.add(a.priv);
      }
      for (const [grantee, h] of [...held].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        ctx.add({
          kind: 'privilege',
          id: formatId({ kind: 'privilege', target: { kind: 'language', parts: [r.name] }, column: null, grantee }),
          parent: id,
          comment: null,
          dependsOn: [id, formatId({ kind: 'role', role: r.owner })],
          targetType: 'LANGUAGE',
          target: r.qname,
          schema: null,
          column: null,
          grantee,
          privileges: [...h.privileges].sort(),
          grantable: [...h.grantable].sort(),
        } satisfies PrivilegeObject);
      }
    }
  },
};

export const transformsReader: KindReader = {
  name: 'transforms',
  sql: `
SELECT t.oid, format_type(t.trftype, NULL) AS type, l.lanname AS lang, quote_ident(l.lanname) AS language,
       CASE WHEN t.trffromsql <> 0 THEN t.trffromsql::regprocedure::text END AS from_sql,
       CASE WHEN t.trftosql <> 0 THEN t.trftosql::regprocedure::text END AS to_sql,
       ${describe('pg_transform', 't.oid')} AS description
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
WHERE t.oid >= 16384`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_transform', r.oid)) continue;
      ctx.add(
        {
          kind: 'transform',
          id: makeId('transform', r.type, r.lang),
          parent: null,
          comment: r.description,
          dependsOn: [],
          type: r.type,
          language: r.language,
          fromSql: r.from_sql ?? null,
          toSql: r.to_sql ?? null,
        },
        address('pg_transform', r.oid),
      );
    }
  },
};
