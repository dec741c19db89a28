import type { ObjectBase } from './base.js';

/** CREATE FOREIGN DATA WRAPPER (one an extension creates belongs to the extension). */
export interface ForeignDataWrapperObject extends ObjectBase {
  kind: 'foreign_data_wrapper';
  name: string;
  qname: string;
  /** regprocedure-style names of the handler and validator functions, or null. */
  handler: string | null;
  validator: string | null;
  /** Generic options as `key=value`, sorted by key. */
  options: string[];
}

/** CREATE SERVER. */
export interface ForeignServerObject extends ObjectBase {
  kind: 'foreign_server';
  name: string;
  qname: string;
  /** Quoted wrapper name. */
  wrapper: string;
  type: string | null;
  version: string | null;
  options: string[];
}
