/**
 * PlanStep[] → SQL text (pure). One statement per step, each ending in `;`,
 * notes as `--` comments above their statement. A plan holding a statement that
 * cannot run in a transaction block starts with the runner's
 * `-- strata:no-transaction` directive.
 */
import type { PlanStep } from '../plan/types.js';
import { idempotentRole } from '../core/roles.js';

export const NO_TRANSACTION_DIRECTIVE = '-- strata:no-transaction';
/** Atlas's own spelling of the same directive; Atlas wants an empty line after its directives. */
const ATLAS_NO_TRANSACTION = '-- atlas:txmode none';

/**
 * `roles`: CREATE ROLE statements the target state needs and the source lacks. They go
 * first, under a comment: roles are cluster-wide, run idempotently by the runner, and
 * never dropped by a down migration.
 */
/** Settings an online migration sets for itself before its first statement. */
export interface SessionSettings {
  lockTimeout?: string;
  statementTimeout?: string;
}

export function renderSql(steps: readonly PlanStep[], roles: readonly string[] = [], session: SessionSettings = {}): string {
  if (!steps.length) return '';
  const lines: string[] = [];
  const alone = steps.some((s) => !s.transactional);
  if (alone) lines.push(NO_TRANSACTION_DIRECTIVE, ATLAS_NO_TRANSACTION, '');
  // SET LOCAL ends with the migration's transaction; outside one, SET lasts for the runner's session (it resets them).
  for (const [name, value] of [['lock_timeout', session.lockTimeout], ['statement_timeout', session.statementTimeout]] as const) {
    if (value !== undefined) lines.push(`SET ${alone ? '' : 'LOCAL '}${name} = '${value.replace(/'/g, "''")}';`);
  }
  if (roles.length) {
    lines.push('-- Roles are cluster-wide: each is created only when missing, and no down migration drops one.');
    for (const r of roles) lines.push(`${idempotentRole(r.replace(/;\s*$/, ''))};`);
  }
  for (const s of steps) {
    if (s.note) lines.push(`-- ${s.note}`);
    lines.push(`${s.sql};`);
  }
  return lines.join('\n') + '\n';
}
