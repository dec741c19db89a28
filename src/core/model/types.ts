import type { ObjectBase } from './base.js';

export interface EnumObject extends ObjectBase {
  kind: 'enum';
  schema: string;
  name: string;
  /** Schema-qualified, quoted name as format_type prints it. */
  qname: string;
  /** Labels in sort order. */
  values: string[];
}
