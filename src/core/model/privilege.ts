import type { ObjectBase } from './base.js';

/** What a privilege is on, as GRANT's ON clause spells the object class. */
export type PrivilegeTarget = 'SCHEMA' | 'TABLE' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'TYPE' | 'DOMAIN' | 'LANGUAGE';

/**
 * What one grantee holds on one object (or one column), with the catalog's
 * defaults expanded (a NULL acl reads as acldefault), so "never granted" and
 * "granted the defaults explicitly" compare equal. The owner's own privileges are
 * left out (they follow ownership). For functions and types, whose defaults give
 * PUBLIC EXECUTE/USAGE, a PUBLIC entry is always present, empty when revoked.
 */
export interface PrivilegeObject extends ObjectBase {
  kind: 'privilege';
  targetType: PrivilegeTarget;
  /** Name as GRANT ... ON <targetType> <target> takes it (functions with argument types). */
  target: string;
  /** Quoted schema of the target (null for a schema): which default privileges apply to it. */
  schema: string | null;
  /** Quoted column name for a column privilege, else null. */
  column: string | null;
  /** Quoted role name or PUBLIC. */
  grantee: string;
  /** Privilege keywords, sorted. */
  privileges: string[];
  /** The subset held WITH GRANT OPTION, sorted. */
  grantable: string[];
}

/*
 * A privilege's dependsOn also names the target's owner as a role id (`role:<quoted
 * name>`, src/core/ids.ts; roles are outside the snapshot, so the planner orders
 * nothing on it): a new object starts with the default privileges its creator's
 * ALTER DEFAULT PRIVILEGES give, and that is where the plan finds the creator.
 */

/** ALTER DEFAULT PRIVILEGES object classes. */
export type DefaultPrivilegeClass = 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';

/** The ALTER DEFAULT PRIVILEGES class that applies to new objects of a GRANT target type (none for languages). */
export const DEFAULT_CLASS: Partial<Record<PrivilegeTarget, DefaultPrivilegeClass>> = {
  SCHEMA: 'SCHEMAS', TABLE: 'TABLES', SEQUENCE: 'SEQUENCES', FUNCTION: 'FUNCTIONS', PROCEDURE: 'FUNCTIONS', TYPE: 'TYPES', DOMAIN: 'TYPES',
};

/**
 * One grantee's entry in `ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s]`.
 * A global entry (no schema) replaces the built-in defaults, so PUBLIC's
 * EXECUTE/USAGE on functions/types is listed (empty when revoked).
 */
export interface DefaultPrivilegeObject extends ObjectBase {
  kind: 'default_privilege';
  /** Quoted role whose new objects get these privileges. */
  role: string;
  /** Quoted schema, or null for the global entry. */
  schema: string | null;
  objectClass: DefaultPrivilegeClass;
  grantee: string;
  privileges: string[];
  grantable: string[];
  /**
   * When the grantee is the role itself (it revoked some of its own default privileges, which only a
   * global entry can do): what it holds without the entry, the baseline to revoke from and grant back to.
   */
  ownerDefault?: string[];
}

/**
 * `ALTER <class> <name> OWNER TO <role>`. Read always; the engine leaves it out of
 * diffs and comparisons unless asked to include ownership.
 */
export interface OwnerObject extends ObjectBase {
  kind: 'owner';
  /** ALTER statement's object class and name (`TABLE public.t`, `FUNCTION public.f(integer)`). */
  target: string;
  role: string;
}
