import type { ObjectBase } from './base.js';

/**
 * One object an extension owns (pg_depend 'e'): made by its script or added with
 * ALTER EXTENSION ... ADD. The object itself is not in the snapshot; this says whose it is.
 */
export interface ExtensionMemberObject extends ObjectBase {
  kind: 'extension_member';
  /** Quoted extension name. */
  extension: string;
  /** The object as ALTER EXTENSION ADD/DROP names it: `TABLE public.t`, `FUNCTION public.f(integer)`. */
  member: string;
  /**
   * The id the object has when no extension owns it (`table:public.t`), so a table
   * added to or dropped from an extension is recognised as the same object; null for
   * kinds strata names otherwise.
   */
  memberId: string | null;
}
