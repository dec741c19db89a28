import type { LockLevel } from '../../plan/types.js';
import type { MigrationRule } from '../types.js';
import { existingRelation, migrationFinding, qname } from './helpers.js';

const QUEUEING: ReadonlySet<LockLevel> = new Set(['SHARE', 'SHARE ROW EXCLUSIVE', 'ACCESS EXCLUSIVE']);

/**
 * A migration that takes a lock blocking writes on an existing table without SET lock_timeout: while it waits
 * behind a long transaction, every query on the table queues behind it.
 */
export const lockTimeout: MigrationRule = {
  id: 'lock-timeout',
  scope: 'migration',
  severity: 'warning',
  summary: 'takes a blocking lock on an existing table without setting lock_timeout',
  check(m, ctx) {
    if (m.statements.some((s) => s.sets.includes('lock_timeout'))) return [];
    const first = m.steps.find((s) => QUEUEING.has(s.lock) && existingRelation(m, s.objectId));
    if (!first) return [];
    // A property of the whole migration: reported (and suppressed) at its first statement.
    return [{ ...migrationFinding(m, ctx, 'lock-timeout', first.objectId, `takes ${first.lock} on existing table ${qname(existingRelation(m, first.objectId))} without SET lock_timeout: queries queue behind it while it waits`, "start the migration with SET lock_timeout = '5s' (and retry on failure)"), line: m.statements[0]?.line ?? 1 }];
  },
};
