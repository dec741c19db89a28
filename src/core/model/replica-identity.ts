import type { ObjectBase } from './base.js';

/**
 * `ALTER TABLE ... REPLICA IDENTITY`, kept apart from the table because USING INDEX
 * needs the index to exist first. Present only when not DEFAULT.
 */
export interface ReplicaIdentityObject extends ObjectBase {
  kind: 'replica_identity';
  /** Quoted qualified table name. */
  table: string;
  identity: 'full' | 'nothing' | 'index';
  /** Quoted index name (same schema as the table) for 'index'; else null. */
  index: string | null;
}
