import type { SchemaRule } from '../types.js';
import { ofKind, schemaFinding } from './schema-helpers.js';

/** varchar(n): changing n later is a migration; text with a CHECK on length() says the same and changes cheaply. */
export const varcharLength: SchemaRule = {
  id: 'varchar-length',
  scope: 'schema',
  severity: 'warning',
  summary: 'a column is varchar(n) where text with a CHECK would do',
  check(s, ctx) {
    return ofKind(s, 'column')
      .filter((c) => c.type.startsWith('character varying('))
      .map((c) => schemaFinding(s, ctx, 'varchar-length', c, `column ${c.table}.${c.qname} is ${c.type}`, `use text with CHECK (length(${c.qname}) <= n); or turn the rule off in lint.rules`));
  },
};
