import type { SchemaRule } from '../types.js';
import { ofKind, plainTables, schemaFinding } from './schema-helpers.js';

export const tablePk: SchemaRule = {
  id: 'table-pk',
  scope: 'schema',
  severity: 'warning',
  summary: 'a table has no primary key',
  check(s, ctx) {
    const withPk = new Set(ofKind(s, 'constraint').filter((c) => c.type === 'primary key').map((c) => c.parent));
    return plainTables(s)
      .filter((t) => !withPk.has(t.id))
      .map((t) => schemaFinding(s, ctx, 'table-pk', t, `table ${t.qname} has no primary key`, 'add a primary key (logical replication, upserts and row identity need one)'));
  },
};
