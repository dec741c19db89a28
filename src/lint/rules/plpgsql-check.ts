import type { SchemaRule } from '../types.js';
import { schemaFinding } from './schema-helpers.js';

/** plpgsql_check's findings on function bodies, when the server has the extension. */
export const plpgsqlCheck: SchemaRule = {
  id: 'plpgsql-check',
  scope: 'schema',
  severity: 'error',
  summary: 'plpgsql_check reports a problem in a function body',
  check(s, ctx) {
    return (s.plpgsqlCheck ?? []).map((p) => ({
      ...schemaFinding(s, ctx, 'plpgsql-check', p.function, `plpgsql_check: ${p.message}`),
      severity: p.level === 'error' ? ctx.severity : 'warning',
    }));
  },
};
