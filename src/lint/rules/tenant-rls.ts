import type { Finding, SchemaRule } from '../types.js';
import { ofKind, plainTables, schemaFinding } from './schema-helpers.js';

/** A table carrying the tenant column (config `tenancy.column`) needs forced RLS and a policy reading that column. */
export const tenantRls: SchemaRule = {
  id: 'tenant-rls',
  scope: 'schema',
  severity: 'error',
  summary: 'a tenant-scoped table lacks forced row level security or a tenant policy',
  check(s, ctx) {
    const column = ctx.tenancy?.column;
    if (!column) return [];
    const cols = ofKind(s, 'column');
    const rls = new Map(ofKind(s, 'row_security').map((r) => [r.parent, r]));
    const policies = ofKind(s, 'policy');
    const out: Finding[] = [];
    for (const t of plainTables(s)) {
      if (!cols.some((c) => c.parent === t.id && c.name === column)) continue;
      const r = rls.get(t.id);
      const tenantPolicy = policies.some((p) => p.parent === t.id && (s.facts.policyColumns[p.id] ?? []).includes(column));
      const missing = [...(!r?.enabled ? ['ENABLE ROW LEVEL SECURITY'] : []), ...(!r?.forced ? ['FORCE ROW LEVEL SECURITY'] : []), ...(!tenantPolicy ? [`a policy on ${column}`] : [])];
      if (missing.length) out.push(schemaFinding(s, ctx, 'tenant-rls', t, `tenant-scoped table ${t.qname} (has ${column}) lacks ${missing.join(', ')}`, `ALTER TABLE ${t.qname} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY; CREATE POLICY ... USING (${column} = <current tenant>)`));
    }
    return out;
  },
};
