import type { Finding, SchemaRule } from '../types.js';
import { schemaFinding } from './schema-helpers.js';

/** Two indexes with the same keys, or a plain index whose keys are a prefix of another's: one is dead weight on writes. */
export const duplicateIndex: SchemaRule = {
  id: 'duplicate-index',
  scope: 'schema',
  severity: 'warning',
  summary: 'an index duplicates another or is a prefix of another',
  check(s, ctx) {
    const out: Finding[] = [];
    const plain = s.facts.indexes.filter((i) => !i.partial && i.columns.every((c) => c !== null));
    for (const a of plain) {
      for (const b of plain) {
        if (a === b || a.table !== b.table || a.method !== b.method) continue;
        const same = a.columns.length === b.columns.length && a.columns.every((c, i) => c === b.columns[i]);
        if (same && a.unique === b.unique && a.primary === b.primary && a.name > b.name) {
          out.push(schemaFinding(s, ctx, 'duplicate-index', a.id, `index ${a.name} duplicates ${b.name} (${a.columns.join(', ')})`, `drop ${a.name}`));
        } else if (!same && !a.unique && a.columns.length < b.columns.length && a.columns.every((c, i) => c === b.columns[i]) && a.method === 'btree') {
          out.push(schemaFinding(s, ctx, 'duplicate-index', a.id, `index ${a.name} (${a.columns.join(', ')}) is a prefix of ${b.name} (${b.columns.join(', ')})`, `drop ${a.name}: ${b.name} serves the same lookups`));
          break;
        }
      }
    }
    return out;
  },
};
