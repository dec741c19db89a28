import type { ColumnObject } from '../../core/model/index.js';
import type { MigrationRule } from '../types.js';
import { existingRelation, migrationFinding, objectsOf } from './helpers.js';

/**
 * The up widens a column's type (integer → bigint, varchar(n) → text, integer → numeric) and the down
 * narrows it back without a conversion: written against today's rows, the down runs later, over rows the
 * wider type let in, and fails on them (or truncates, rounds). A down file whose statement converts the column
 * with a USING expression of its own (a `-- @using-down` hint, rendered by the engine) has a way back: no finding.
 */
export const downNarrowing: MigrationRule = {
  id: 'down-narrowing',
  scope: 'migration',
  severity: 'warning',
  summary: 'the down migration narrows a type the up widened, without a conversion',
  check(m, ctx) {
    if (!m.downFile || !m.downSteps) return [];
    const up = new Set(m.steps.filter((s) => s.kind === 'column' && s.op === 'alter').map((s) => s.objectId));
    // Lint replans the down from the states, which carry no hints: what the down file itself does is the record.
    const converted = new Set((m.downStatements ?? []).flatMap((st) => st.typeChanges.filter((c) => c.conversion === 'expression').map((c) => c.column)));
    const seen = new Set<string>();
    return m.downSteps.flatMap((s) => {
      if (s.kind !== 'column' || !s.hazards.includes('narrowing') || !up.has(s.objectId) || converted.has(s.objectId) || seen.has(s.objectId)) return [];
      seen.add(s.objectId);
      const after = objectsOf(m).get(s.objectId) as ColumnObject | undefined;
      const before = m.before.objects.find((o) => o.id === s.objectId) as ColumnObject | undefined;
      if (!after || !before || !existingRelation(m, s.objectId)) return [];
      return [
        migrationFinding(
          m,
          ctx,
          'down-narrowing',
          s.objectId,
          `widens ${after.table}.${after.qname} from ${before.type} to ${after.type}; its down changes it back without a conversion, and fails (or truncates, rounds) once rows hold values ${before.type} cannot`,
          `give the way back with \`-- @using-down <expression>\` on the column in the schema file (e.g. \`-- @using-down least(${after.qname}, <max>)::${before.type}\`) and regenerate, or acknowledge with \`-- strata:ignore down-narrowing <reason>\``,
        ),
      ];
    });
  },
};
