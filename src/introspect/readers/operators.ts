/**
 * Operators, operator families and operator classes. Family and class members
 * (pg_amop, pg_amproc) are read by one more query and attached to the class that
 * holds them (an internal pg_depend link) or else to their family as loose
 * members; their addresses stand for that object, so the members' own pg_depend
 * rows (on operators and functions) become the class's or family's dependencies.
 */
import { formatId } from '../../core/ids.js';
import type { OperatorClassObject, OperatorFamilyObject, OperatorMember } from '../../core/model/index.js';
import { address, qualified, schemaObject, SYSTEM_SCHEMA_FILTER, type KindReader } from '../context.js';
import { addOwner, describe, ownerName } from './owned.js';

const proc = (col: string) => `CASE WHEN ${col} <> 0 THEN ${col}::regproc::text END`;
/** `schema.symbol` of operator oid `col`, as OPERATOR() and the member clauses take it. */
const opName = (col: string) =>
  `(SELECT quote_ident(xn.nspname) || '.' || xo.oprname FROM pg_operator xo JOIN pg_namespace xn ON xn.oid = xo.oprnamespace WHERE xo.oid = ${col})`;
const typ = (col: string) => `CASE WHEN ${col} <> 0 THEN format_type(${col}, NULL) ELSE 'NONE' END`;

/** `operator:s."==="(integer, integer)`: operand types as format_type prints them, NONE for a prefix operator. */
export const operatorId = (schema: string, name: string, left: string | null, right: string): string =>
  formatId({ kind: 'operator', parts: [schema, name], args: `${left ?? 'NONE'}, ${right}` });

export const operatorsReader: KindReader = {
  name: 'operators',
  sql: `
SELECT o.oid, n.nspname AS schema, o.oprname AS name, quote_ident(n.nspname) || '.' || o.oprname AS qname,
       CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS "left", format_type(o.oprright, NULL) AS "right",
       o.oprcode::regproc::text AS function,
       CASE WHEN o.oprcom <> 0 THEN ${opName('o.oprcom')} END AS commutator,
       CASE WHEN o.oprnegate <> 0 THEN ${opName('o.oprnegate')} END AS negator,
       ${proc('o.oprrest')} AS restrict, ${proc('o.oprjoin')} AS "join", o.oprcanhash AS hashes, o.oprcanmerge AS merges,
       ${ownerName('o.oprowner')} AS owner, ${describe('pg_operator', 'o.oid')} AS description,
       CASE WHEN o.oprcode = 0 THEN (SELECT min(x.oid) FROM pg_operator x WHERE x.oprcom = o.oid OR x.oprnegate = o.oid) END AS shell_of
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      // A shell operator (named as a commutator or negator, never defined) is made again by the CREATE
      // naming it; one nothing names any more is left to the not-managed report.
      if (r.function === '-') continue;
      if (ctx.ownedByExtension('pg_operator', r.oid)) continue;
      const id = operatorId(r.schema, r.name, r.left, r.right);
      ctx.add(
        {
          ...schemaObject('operator', r, [], id),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          left: r.left ?? null,
          right: r.right,
          function: r.function,
          commutator: r.commutator ?? null,
          negator: r.negator ?? null,
          restrict: r.restrict ?? null,
          join: r.join ?? null,
          hashes: r.hashes,
          merges: r.merges,
        },
        address('pg_operator', r.oid),
      );
      addOwner(ctx, id, `OPERATOR ${r.qname} (${r.left ?? 'NONE'}, ${r.right})`, r.owner);
    }
    for (const r of rows) {
      const referrer = r.shell_of != null ? ctx.idAt(address('pg_operator', r.shell_of)) : undefined;
      if (referrer) ctx.alias(address('pg_operator', r.oid), referrer);
    }
  },
};

export const operatorFamiliesReader: KindReader = {
  name: 'operator families',
  sql: `
SELECT f.oid, n.nspname AS schema, f.opfname AS name, ${qualified('n.nspname', 'f.opfname')} AS qname, a.amname AS method,
       quote_ident(a.amname) AS qmethod, ${ownerName('f.opfowner')} AS owner, ${describe('pg_opfamily', 'f.oid')} AS description
FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am a ON a.oid = f.opfmethod
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_opfamily', r.oid)) continue;
      const id = formatId({ kind: 'operator_family', parts: [r.schema, r.name], args: r.method });
      ctx.add(
        {
          ...schemaObject('operator_family', r, [], id),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          method: r.qmethod,
          members: [],
        },
        address('pg_opfamily', r.oid),
      );
      addOwner(ctx, id, `OPERATOR FAMILY ${r.qname} USING ${r.qmethod}`, r.owner);
    }
  },
};

export const operatorClassesReader: KindReader = {
  name: 'operator classes',
  sql: `
SELECT c.oid, n.nspname AS schema, c.opcname AS name, ${qualified('n.nspname', 'c.opcname')} AS qname, a.amname AS method,
       quote_ident(a.amname) AS qmethod, format_type(c.opcintype, NULL) AS type, c.opcdefault AS is_default,
       ${qualified('fn.nspname', 'f.opfname')} AS family,
       CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END AS storage,
       ${ownerName('c.opcowner')} AS owner, ${describe('pg_opclass', 'c.oid')} AS description
FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am a ON a.oid = c.opcmethod
JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}`,
  read(rows, ctx) {
    for (const r of rows) {
      if (ctx.ownedByExtension('pg_opclass', r.oid)) continue;
      const id = formatId({ kind: 'operator_class', parts: [r.schema, r.name], args: r.method });
      ctx.add(
        {
          ...schemaObject('operator_class', r, [], id),
          schema: r.schema,
          name: r.name,
          qname: r.qname,
          method: r.qmethod,
          type: r.type,
          isDefault: r.is_default,
          family: r.family,
          storage: r.storage ?? null,
          members: [],
        },
        address('pg_opclass', r.oid),
      );
      addOwner(ctx, id, `OPERATOR CLASS ${r.qname} USING ${r.qmethod}`, r.owner);
    }
  },
};

const holder = (cls: string) =>
  `(SELECT dp.refobjid FROM pg_depend dp WHERE dp.classid = '${cls}'::regclass AND dp.objid = m.oid
      AND dp.refclassid = 'pg_opclass'::regclass AND dp.deptype = 'i' LIMIT 1)`;

/** Members of families and classes; after both readers, whose objects it fills in. */
export const operatorMembersReader: KindReader = {
  name: 'operator family members',
  sql: `
SELECT 'pg_amop' AS cls, m.oid, m.amopfamily AS family, ${holder('pg_amop')} AS opclass, 0 AS kind, m.amopstrategy AS num,
       'OPERATOR ' || m.amopstrategy || ' ' || ${opName('m.amopopr')} || ' (' || ${typ('m.amoplefttype')} || ', ' || ${typ('m.amoprighttype')} || ')'
         || CASE WHEN m.amoppurpose = 'o' THEN ' FOR ORDER BY ' ||
              (SELECT ${qualified('sn.nspname', 'sf.opfname')} FROM pg_opfamily sf JOIN pg_namespace sn ON sn.oid = sf.opfnamespace WHERE sf.oid = m.amopsortfamily)
            ELSE '' END AS "add",
       'OPERATOR ' || m.amopstrategy || ' (' || ${typ('m.amoplefttype')} || ', ' || ${typ('m.amoprighttype')} || ')' AS "drop"
FROM pg_amop m JOIN pg_opfamily f ON f.oid = m.amopfamily JOIN pg_namespace n ON n.oid = f.opfnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}
UNION ALL
SELECT 'pg_amproc', m.oid, m.amprocfamily, ${holder('pg_amproc')}, 1, m.amprocnum,
       'FUNCTION ' || m.amprocnum || ' (' || ${typ('m.amproclefttype')} || ', ' || ${typ('m.amprocrighttype')} || ') ' || m.amproc::regprocedure::text,
       'FUNCTION ' || m.amprocnum || ' (' || ${typ('m.amproclefttype')} || ', ' || ${typ('m.amprocrighttype')} || ')'
FROM pg_amproc m JOIN pg_opfamily f ON f.oid = m.amprocfamily JOIN pg_namespace n ON n.oid = f.opfnamespace
WHERE ${SYSTEM_SCHEMA_FILTER('n.nspname')}
ORDER BY 5, 6, 7`,
  read(rows, ctx) {
    for (const r of rows) {
      const ownerId = r.opclass != null ? ctx.idAt(address('pg_opclass', r.opclass)) : ctx.idAt(address('pg_opfamily', r.family));
      if (!ownerId) continue;
      const o = ctx.get(ownerId) as OperatorClassObject | OperatorFamilyObject | undefined;
      if (!o || (o.kind !== 'operator_class' && o.kind !== 'operator_family')) continue;
      o.members.push({ add: r.add, drop: r.drop } satisfies OperatorMember);
      ctx.alias(address(r.cls, r.oid), ownerId);
    }
  },
};
