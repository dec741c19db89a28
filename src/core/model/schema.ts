import type { ObjectBase } from './base.js';

export interface SchemaObject extends ObjectBase {
  kind: 'schema';
  name: string;
  /** quote_ident(name), ready for SQL. */
  qname: string;
}

export interface ExtensionObject extends ObjectBase {
  kind: 'extension';
  name: string;
  qname: string;
  /** Schema the extension's objects live in (quoted). */
  schema: string;
  version: string;
  /**
   * Versions `ALTER EXTENSION ... UPDATE TO` can reach from `version` on the server
   * the snapshot was read from (pg_extension_update_paths). A server fact, not schema.
   */
  reachableVersions: string[];
  /**
   * The server's default version of the extension (pg_available_extensions). A server
   * fact, not schema: CREATE EXTENSION names a version only when it differs from this, so a
   * migration written on one server major still installs on another whose default differs.
   */
  defaultVersion?: string;
}
