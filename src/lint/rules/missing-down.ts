import type { MigrationRule } from '../types.js';

export const missingDown: MigrationRule = {
  id: 'missing-down',
  scope: 'migration',
  severity: 'error',
  summary: 'the migration has no down file',
  check(m, ctx) {
    if (m.downFile) return [];
    return [{ rule: 'missing-down', severity: ctx.severity, file: m.upFile, line: m.statements[0]?.line ?? 1, message: `migration ${m.version}_${m.name} has no down file`, hint: `write ${m.version}_${m.name}.down.sql (strata diff writes both)` }];
  },
};
