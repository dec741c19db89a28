import type { Finding, MigrationRule, QueryDescription } from '../types.js';

const key = (q: QueryDescription) => `${q.file}\0${q.name}`;

function change(before: string[], after: string[]): string {
  const gone = before.filter((x) => !after.includes(x));
  const added = after.filter((x) => !before.includes(x));
  return [...gone.map((x) => `- ${x}`), ...added.map((x) => `+ ${x}`)].join(', ');
}

/** A query that still types but whose generated parameter or result type changes: callers must follow. */
export const queryTypeChanged: MigrationRule = {
  id: 'query-type-changed',
  scope: 'migration',
  severity: 'warning',
  summary: 'the migration changes the generated type of a query',
  check(m, ctx) {
    if (!m.queriesAfter || !m.queriesBefore) return [];
    const before = new Map(m.queriesBefore.map((q) => [key(q), q]));
    const out: Finding[] = [];
    for (const q of m.queriesAfter) {
      const was = before.get(key(q));
      if (!was || was.error !== null || q.error !== null) continue;
      const parts: string[] = [];
      if (was.params.join('\n') !== q.params.join('\n')) parts.push(`${q.paramsType} (${change(was.params, q.params)})`);
      if (was.result.join('\n') !== q.result.join('\n')) parts.push(`${q.resultType} (${change(was.result, q.result)})`);
      if (!parts.length) continue;
      out.push({
        rule: 'query-type-changed',
        severity: ctx.severity,
        file: q.file,
        line: q.line,
        subject: q.name,
        message: `migration ${m.version}_${m.name} changes the generated types of query ${q.name}: ${parts.join('; ')}`,
        hint: 'run strata types and update the callers in the same change',
      });
    }
    return out;
  },
};
