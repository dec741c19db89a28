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
    const same = (a: (typeof plain)[number], b: (typeof plain)[number]) => a.columns.length === b.columns.length && a.columns.every((c, i) => c === b.columns[i]);
    for (const a of plain) {
      const peers = plain.filter((b) => b !== a && b.table === a.table && b.method === a.method);
      // Of two identical indexes the one with the later name is reported; a unique or primary one is never the spare.
      const dup = peers.find((b) => same(a, b) && !a.primary && (b.primary || (b.unique && !a.unique) || (a.unique === b.unique && a.name > b.name)));
      if (dup) {
        out.push(schemaFinding(s, ctx, 'duplicate-index', a.id, `index ${a.name} duplicates ${dup.name} (${a.columns.join(', ')})`, `drop ${a.name}`));
        continue;
      }
      const wider = a.unique || a.method !== 'btree' ? undefined : peers.find((b) => a.columns.length < b.columns.length && a.columns.every((c, i) => c === b.columns[i]));
      if (wider) out.push(schemaFinding(s, ctx, 'duplicate-index', a.id, `index ${a.name} (${a.columns.join(', ')}) is a prefix of ${wider.name} (${wider.columns.join(', ')})`, `drop ${a.name}: ${wider.name} serves the same lookups`));
    }
    return out;
  },
};
