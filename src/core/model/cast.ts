import type { ObjectBase } from './base.js';

/** CREATE CAST (no ALTER exists). Id: `cast:<source>.<target>` with the types as format_type prints them. */
export interface CastObject extends ObjectBase {
  kind: 'cast';
  source: string;
  target: string;
  /** WITH FUNCTION, WITHOUT FUNCTION (binary coercible) or WITH INOUT. */
  method: 'function' | 'binary' | 'inout';
  /** regprocedure of the cast function when method is 'function'. */
  function: string | null;
  /** Explicit only, AS ASSIGNMENT, or AS IMPLICIT. */
  context: 'explicit' | 'assignment' | 'implicit';
}

/** CREATE CONVERSION (no ALTER changes it). */
export interface ConversionObject extends ObjectBase {
  kind: 'conversion';
  schema: string;
  name: string;
  qname: string;
  /** Encoding names (`LATIN1`, `UTF8`). */
  from: string;
  to: string;
  /** The conversion function, as regproc prints it. */
  function: string;
  isDefault: boolean;
}
