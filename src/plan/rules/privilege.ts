import type { DefaultPrivilegeObject, OwnerObject, PrivilegeObject } from '../../core/model/index.js';
import type { KindRules, RuleContext, Statement } from '../types.js';
import { DEFAULT_CLASS } from '../../core/model/privilege.js';
import { isRole, parseId } from '../../core/ids.js';

interface Held {
  privileges: string[];
  grantable: string[];
}

const NONE: Held = { privileges: [], grantable: [] };

/**
 * GRANT/REVOKE statements taking a grantee from `a` to `b`. `on` renders a list of
 * privileges into the part after the verb (`SELECT, INSERT ON TABLE t`).
 */
function transition(a: Held, b: Held, on: (privs: string[]) => string, grantee: string): Statement[] {
  const out: Statement[] = [];
  const revoke = a.privileges.filter((p) => !b.privileges.includes(p));
  const revokeOption = a.grantable.filter((p) => b.privileges.includes(p) && !b.grantable.includes(p));
  const grant = b.privileges.filter((p) => !a.privileges.includes(p) && !b.grantable.includes(p));
  const grantWithOption = b.grantable.filter((p) => !a.grantable.includes(p));
  if (revoke.length) out.push({ sql: `REVOKE ${on(revoke)} FROM ${grantee}`, lock: 'none' });
  if (revokeOption.length) out.push({ sql: `REVOKE GRANT OPTION FOR ${on(revokeOption)} FROM ${grantee}`, lock: 'none' });
  if (grant.length) out.push({ sql: `GRANT ${on(grant)} TO ${grantee}`, lock: 'none' });
  if (grantWithOption.length) out.push({ sql: `GRANT ${on(grantWithOption)} TO ${grantee} WITH GRANT OPTION`, lock: 'none' });
  return out;
}

/** What PUBLIC holds on a new function or type before any GRANT: PostgreSQL's built-in default. */
function builtinDefault(targetType: string, grantee: string, column: boolean): Held {
  if (grantee !== 'PUBLIC' || column) return NONE;
  if (targetType === 'FUNCTION' || targetType === 'PROCEDURE' || targetType === 'FUNCTIONS') return { privileges: ['EXECUTE'], grantable: [] };
  if (targetType === 'TYPE' || targetType === 'DOMAIN' || targetType === 'TYPES') return { privileges: ['USAGE'], grantable: [] };
  if (targetType === 'LANGUAGE') return { privileges: ['USAGE'], grantable: [] };
  return NONE;
}

const onTarget = (o: PrivilegeObject) => (privs: string[]) =>
  `${o.column ? privs.map((p) => `${p} (${o.column})`).join(', ') : privs.join(', ')} ON ${o.targetType} ${o.target}`;

/**
 * What the grantee holds on the target right after CREATE: PostgreSQL's built-in
 * defaults, or the creator's global default privileges where they replace them,
 * plus the creator's per-schema default privileges. Default privileges are
 * created and altered after every create in a plan (their order is last) and
 * dropped before, so the old state's entries that the new state keeps apply.
 */
function initialPrivileges(o: PrivilegeObject, ctx: RuleContext): Held {
  if (o.column !== null) return NONE;
  const builtin = builtinDefault(o.targetType, o.grantee, false);
  if (ctx.from.get(o.parent!)) return builtin;
  const creator = o.dependsOn.map(parseId).find(isRole)?.role;
  if (!creator) return builtin;
  const cls = DEFAULT_CLASS[o.targetType];
  let global: Held | undefined;
  let inSchema: Held = NONE;
  for (const d of ctx.from.ofKind('default_privilege')) {
    // Entries this plan drops are revoked with the drops, before any create.
    if (d.role !== creator || d.objectClass !== cls || d.grantee !== o.grantee || !ctx.to.get(d.id)) continue;
    if (d.schema === null) global = d;
    else if (d.schema === o.schema) inSchema = d;
  }
  const base = global ?? builtin;
  return {
    privileges: [...new Set([...base.privileges, ...inSchema.privileges])].sort(),
    grantable: [...new Set([...base.grantable, ...inSchema.grantable])].sort(),
  };
}

export const privilegeRules: KindRules<PrivilegeObject> = {
  kind: 'privilege',
  order: 20,
  // The new object comes with its defaults (PUBLIC EXECUTE on a function, default privileges), which this entry adjusts.
  create: (o, ctx) => transition(initialPrivileges(o, ctx), o, onTarget(o), o.grantee),
  drop: (o) => transition(o, builtinDefault(o.targetType, o.grantee, o.column !== null), onTarget(o), o.grantee),
  alter(a, b) {
    if (a.target !== b.target || a.targetType !== b.targetType || a.column !== b.column) return null;
    return transition(a, b, onTarget(b), b.grantee);
  },
};

const adpPrefix = (o: DefaultPrivilegeObject) => `ALTER DEFAULT PRIVILEGES FOR ROLE ${o.role}${o.schema ? ` IN SCHEMA ${o.schema}` : ''}`;

const withPrefix = (o: DefaultPrivilegeObject, stmts: Statement[]) =>
  stmts.map((s) => ({ ...s, sql: `${adpPrefix(o)} ${s.sql}` }));

const adpBaseline = (o: DefaultPrivilegeObject): Held =>
  o.ownerDefault ? { privileges: o.ownerDefault, grantable: [] } : o.schema ? NONE : builtinDefault(o.objectClass, o.grantee, false);

/** Highest order: default privileges change after this plan's objects exist, so they do not change their grants. */
export const defaultPrivilegeRules: KindRules<DefaultPrivilegeObject> = {
  kind: 'default_privilege',
  order: 30,
  create: (o) => withPrefix(o, transition(adpBaseline(o), o, (p) => `${p.join(', ')} ON ${o.objectClass}`, o.grantee)),
  drop: (o) => withPrefix(o, transition(o, adpBaseline(o), (p) => `${p.join(', ')} ON ${o.objectClass}`, o.grantee)),
  alter: (a, b) => withPrefix(b, transition(a, b, (p) => `${p.join(', ')} ON ${b.objectClass}`, b.grantee)),
};

export const ownerRules: KindRules<OwnerObject> = {
  kind: 'owner',
  order: 19,
  create: (o) => [{ sql: `ALTER ${o.target} OWNER TO ${o.role}` }],
  // Ownership goes with its object; there is nothing to undo on its own.
  drop: () => [],
  alter: (_a, b) => [{ sql: `ALTER ${b.target} OWNER TO ${b.role}` }],
};
