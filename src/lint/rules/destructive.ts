import type { MigrationRule } from '../types.js';
import { migrationFinding, objectsOf, qname } from './helpers.js';

const DROPS_DATA = new Set(['table', 'column', 'schema', 'materialized_view']);

/** Drops stored data: DROP TABLE/COLUMN/SCHEMA, or a type change that can truncate (the plan's data-loss hazard). */
export const destructive: MigrationRule = {
  id: 'destructive',
  scope: 'migration',
  severity: 'error',
  summary: 'drops a table, column or schema, or narrows a column type',
  check(m, ctx) {
    const objects = objectsOf(m);
    const renamed = new Set(m.statements.flatMap((s) => s.renames.map(([from]) => from)));
    return m.steps
      .filter((s) => s.hazards.includes('data-loss') || (s.op === 'drop' && DROPS_DATA.has(s.kind)))
      .filter((s) => !(s.op === 'drop' && renamed.has(s.objectId)))
      .map((s) => {
        const o = objects.get(s.objectId);
        const what = s.op === 'drop' ? `drops ${s.kind.replace('_', ' ')} ${qname(o)} and the data it holds` : `changes ${s.kind} ${qname(o)} in a way that can lose data (type narrowing)`;
        return migrationFinding(m, ctx, 'destructive', s.objectId, what, 'keep the old object until no release reads it (expand, migrate, contract), or acknowledge with -- strata:ignore destructive <reason>');
      });
  },
};
