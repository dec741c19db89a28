import type { ReplicaIdentityObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';

const clause = (o: ReplicaIdentityObject | null) =>
  !o ? 'DEFAULT' : o.identity === 'index' ? `USING INDEX ${o.index}` : o.identity.toUpperCase();

const set = (table: string, o: ReplicaIdentityObject | null): Statement[] => [{ sql: `ALTER TABLE ${table} REPLICA IDENTITY ${clause(o)}`, lock: 'ACCESS EXCLUSIVE' }];

/** After the indexes and constraints it may name (higher order); back to DEFAULT before they go. */
export const replicaIdentityRules: KindRules<ReplicaIdentityObject> = {
  kind: 'replica_identity',
  order: 7.5,
  create: (o) => set(o.table, o),
  drop: (o) => set(o.table, null),
  alter: (_a, b) => set(b.table, b),
};
