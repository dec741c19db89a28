import type { ObjectBase } from './base.js';

/**
 * CREATE USER MAPPING. Options are `key=value`, sorted by key; a secret option's value
 * (`password`, see src/core/secrets.ts) is `<secret>`: never read into a snapshot, never compared.
 */
export interface UserMappingObject extends ObjectBase {
  kind: 'user_mapping';
  /** The role as SQL spells it (quote_ident), or PUBLIC. */
  user: string;
  /** Unquoted role name (`public` for PUBLIC) and server name: they make the id and the secrets' names. */
  userName: string;
  serverName: string;
  /** Quoted server name. */
  server: string;
  options: string[];
}
