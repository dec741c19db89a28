import type { CatalogObject } from '../../core/model/index.js';
import type { NamingKind } from '../config.js';
import type { Finding, SchemaRule } from '../types.js';
import { schemaFinding } from './schema-helpers.js';

/** Names checked against the project's convention: one regular expression per kind (config `lint.naming`). */
export const naming: SchemaRule = {
  id: 'naming',
  scope: 'schema',
  severity: 'warning',
  summary: 'a name does not follow the project convention',
  check(s, ctx) {
    const out: Finding[] = [];
    const patterns = Object.entries(ctx.config.naming).map(([k, v]) => [k, new RegExp(v!)] as const);
    for (const o of s.snapshot.objects) {
      const n = nameOf(o);
      if (n === undefined) continue;
      const re = patterns.find(([k]) => k === o.kind)?.[1];
      if (re && !re.test(n)) out.push(schemaFinding(s, ctx, 'naming', o, `${o.kind} name "${n}" does not match ${re.source}`, 'rename it, or change lint.naming in strata.config.json'));
    }
    return out;
  },
};

function nameOf(o: CatalogObject): string | undefined {
  const kinds: readonly string[] = ['table', 'column', 'index', 'constraint', 'view', 'function', 'schema'] satisfies readonly NamingKind[];
  return kinds.includes(o.kind) && 'name' in o ? String(o.name) : undefined;
}
