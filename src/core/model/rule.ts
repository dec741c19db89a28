import type { ObjectBase } from './base.js';

/** A rewrite rule (CREATE RULE) on a table or view; a view's own `_RETURN` rule is the view. */
export interface RuleObject extends ObjectBase {
  kind: 'rule';
  /** Quoted qualified name of the relation. */
  table: string;
  name: string;
  qname: string;
  /** pg_get_ruledef without the trailing semicolon: event, WHERE, INSTEAD/ALSO and actions. */
  definition: string;
  /** pg_rewrite.ev_enabled: O (origin), D (disabled), R (replica), A (always). */
  enabled: 'O' | 'D' | 'R' | 'A';
}
