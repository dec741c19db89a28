import type { ObjectBase } from './base.js';

/** CREATE OPERATOR. The id carries the operand types (`operator:s.===(integer, integer)`, `NONE` for a prefix operator). */
export interface OperatorObject extends ObjectBase {
  kind: 'operator';
  schema: string;
  /** The operator's symbol, e.g. `===`. */
  name: string;
  /** Schema-qualified symbol as OPERATOR() takes it: `s.===`. */
  qname: string;
  /** format_type of the operands; null for a prefix operator's left side. */
  left: string | null;
  right: string;
  /** The implementing function, as regprocedure prints it. */
  function: string;
  /** Schema-qualified symbols of the commutator and negator (as OPERATOR() takes them), or null. */
  commutator: string | null;
  negator: string | null;
  /** Selectivity estimators, as regproc prints them, or null. */
  restrict: string | null;
  join: string | null;
  hashes: boolean;
  merges: boolean;
}

/**
 * One operator or support function of an operator family or class, as the
 * clause that adds it spells it: `OPERATOR 1 s.=== (integer, integer)` or
 * `FUNCTION 1 (integer, integer) s.f(integer, integer)`.
 */
export interface OperatorMember {
  /** The ADD clause (CREATE OPERATOR CLASS ... AS and ALTER OPERATOR FAMILY ... ADD take the same). */
  add: string;
  /** The DROP clause: `OPERATOR 1 (integer, integer)`. */
  drop: string;
}

/**
 * CREATE OPERATOR FAMILY, with the members added to it on their own (ALTER
 * OPERATOR FAMILY ... ADD); members an operator class brings are the class's.
 * The id carries the access method: `operator_family:s.fam(btree)`.
 */
export interface OperatorFamilyObject extends ObjectBase {
  kind: 'operator_family';
  schema: string;
  name: string;
  qname: string;
  /** Access method name. */
  method: string;
  /** Loose members: operators, then functions, by number. */
  members: OperatorMember[];
}

/** CREATE OPERATOR CLASS (no ALTER changes its contents). Id: `operator_class:s.cls(btree)`. */
export interface OperatorClassObject extends ObjectBase {
  kind: 'operator_class';
  schema: string;
  name: string;
  qname: string;
  method: string;
  /** format_type of the indexed type. */
  type: string;
  isDefault: boolean;
  /** Quoted qualified family name. */
  family: string;
  /** STORAGE type (format_type), or null when it is the indexed type. */
  storage: string | null;
  /** Members: operators, then functions, by number. */
  members: OperatorMember[];
}
