/**
 * PlanStep[] → SQL text (pure). One statement per step, each ending in `;`,
 * notes as `--` comments above their statement. A plan holding a statement that
 * cannot run in a transaction block starts with the runner's
 * `-- strata:no-transaction` directive.
 */
import type { PlanStep } from '../plan/types.js';

export const NO_TRANSACTION_DIRECTIVE = '-- strata:no-transaction';

export function renderSql(steps: readonly PlanStep[]): string {
  if (!steps.length) return '';
  const lines: string[] = [];
  if (steps.some((s) => !s.transactional)) lines.push(NO_TRANSACTION_DIRECTIVE);
  for (const s of steps) {
    if (s.note) lines.push(`-- ${s.note}`);
    lines.push(`${s.sql};`);
  }
  return lines.join('\n') + '\n';
}
