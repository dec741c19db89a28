import type { Finding, MigrationRule, QueryDescription } from '../types.js';

const key = (q: QueryDescription) => `${q.file}\0${q.name}`;

/** A query of the query folder that typed against the state before the migration and no longer does after it. */
export const queryBroken: MigrationRule = {
  id: 'query-broken',
  scope: 'migration',
  severity: 'error',
  summary: 'the migration breaks a query in the query folder',
  check(m, ctx) {
    if (!m.queriesAfter) return [];
    const before = new Map((m.queriesBefore ?? []).map((q) => [key(q), q]));
    const out: Finding[] = [];
    for (const q of m.queriesAfter) {
      if (q.error === null) continue;
      const was = before.get(key(q));
      // Against an empty state every query fails; only a query that worked before is broken by this migration.
      if (!was || was.error !== null) continue;
      out.push({
        rule: 'query-broken',
        severity: ctx.severity,
        file: q.file,
        line: q.line,
        subject: q.name,
        message: `migration ${m.version}_${m.name} breaks query ${q.name}: ${q.error}; generated types ${q.paramsType} and ${q.resultType} would become never`,
        hint: 'change the query (and run strata types) in the same change, or keep what it reads',
      });
    }
    return out;
  },
};
