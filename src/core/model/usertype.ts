import type { ObjectBase } from './base.js';

export interface DomainConstraint {
  name: string;
  qname: string;
  /** pg_get_constraintdef text without a trailing NOT VALID (`CHECK ((VALUE > 0))`). */
  definition: string;
  validated: boolean;
}

export interface DomainObject extends ObjectBase {
  kind: 'domain';
  schema: string;
  name: string;
  /** format_type of the domain: qualified and quoted. */
  qname: string;
  /** format_type(typbasetype, typtypmod). */
  baseType: string;
  /** Quoted qualified collation when it differs from the base type's. */
  collation: string | null;
  /** pg_get_expr of the default, or null. */
  default: string | null;
  notNull: boolean;
  /** CHECK constraints, sorted by name. */
  constraints: DomainConstraint[];
}

export interface CompositeAttribute {
  name: string;
  qname: string;
  type: string;
  collation: string | null;
}

export interface CompositeTypeObject extends ObjectBase {
  kind: 'composite_type';
  schema: string;
  name: string;
  qname: string;
  /** In attnum order. */
  attributes: CompositeAttribute[];
}

export interface RangeTypeObject extends ObjectBase {
  kind: 'range_type';
  schema: string;
  name: string;
  qname: string;
  subtype: string;
  /** Qualified operator class when it is not the subtype's default. */
  opclass: string | null;
  collation: string | null;
  /** Qualified function names, or null. */
  canonical: string | null;
  subtypeDiff: string | null;
  /** Qualified multirange type name. */
  multirange: string | null;
}
