import type { SchemaRule } from '../types.js';
import { schemaFinding } from './schema-helpers.js';

/** A foreign key whose columns are not the leading columns of an index: deletes on the parent scan the child. */
export const fkIndex: SchemaRule = {
  id: 'fk-index',
  scope: 'schema',
  severity: 'warning',
  summary: 'a foreign key has no index on its columns',
  check(s, ctx) {
    return s.facts.foreignKeys
      .filter((fk) => !s.facts.indexes.some((i) => i.table === fk.table && !i.partial && fk.columns.every((c) => i.columns.slice(0, fk.columns.length).includes(c))))
      .map((fk) => schemaFinding(s, ctx, 'fk-index', fk.id, `foreign key ${fk.name} (${fk.columns.join(', ')}) has no index with these leading columns`, `CREATE INDEX ON <table> (${fk.columns.join(', ')})`));
  },
};
