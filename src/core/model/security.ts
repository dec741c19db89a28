import type { ObjectBase } from './base.js';

/**
 * `ALTER TABLE ... ENABLE / FORCE ROW LEVEL SECURITY`, kept apart from the table so
 * it is switched on after the table and its policies exist. Present only when
 * enabled or forced; its absence means both are off.
 */
export interface RowSecurityObject extends ObjectBase {
  kind: 'row_security';
  /** Quoted qualified table name. */
  table: string;
  enabled: boolean;
  forced: boolean;
}

export interface PolicyObject extends ObjectBase {
  kind: 'policy';
  /** Quoted qualified table name. */
  table: string;
  name: string;
  qname: string;
  permissive: boolean;
  /** ALL | SELECT | INSERT | UPDATE | DELETE */
  command: string;
  /** Quoted role names, sorted; `PUBLIC` for everyone. */
  roles: string[];
  /** pg_get_expr of polqual / polwithcheck. */
  using: string | null;
  check: string | null;
}
