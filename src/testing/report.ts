/** Results of the generated suites, and their renderings (summary table, JSON, JUnit XML). */
export const SUITES = ['constraints', 'rls', 'fk-indexes', 'plans', 'rollback'] as const;
export type SuiteName = (typeof SUITES)[number];

export type CaseStatus = 'passed' | 'failed' | 'not generated';

export interface CaseResult {
  suite: SuiteName;
  /** What was tested, e.g. `public.tasks tasks_priority_check rejects a violating row`. */
  name: string;
  status: CaseStatus;
  /** Why it failed, or why it could not be generated. */
  reason?: string;
  /** The statement that failed (or would have been run). */
  statement?: string;
  /** Extra lines: expected vs actual plan, residual difference. */
  detail?: string;
}

export interface SuiteResult {
  suite: SuiteName;
  cases: CaseResult[];
  /** Suite-specific counts printed under the table (matrix size, leaks, ...). */
  facts: Record<string, number | string>;
  elapsedMs: number;
}

export interface SuiteCounts {
  generated: number;
  passed: number;
  failed: number;
  notGenerated: number;
}

export function counts(s: SuiteResult): SuiteCounts {
  const by = (st: CaseStatus) => s.cases.filter((c) => c.status === st).length;
  const passed = by('passed');
  const failed = by('failed');
  return { generated: passed + failed, passed, failed, notGenerated: by('not generated') };
}

export function failedAny(results: SuiteResult[]): boolean {
  return results.some((s) => s.cases.some((c) => c.status === 'failed'));
}

/** The summary table, suite facts, then every failure with its statement. */
export function summaryText(results: SuiteResult[], opts: { listNotGenerated?: boolean } = {}): string {
  const head = ['suite', 'generated', 'passed', 'failed', 'not generated', 'time'];
  const rows = results.map((s) => {
    const c = counts(s);
    return [s.suite, String(c.generated), String(c.passed), String(c.failed), String(c.notGenerated), `${(s.elapsedMs / 1000).toFixed(1)}s`];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''];
  for (const s of results) {
    const facts = Object.entries(s.facts);
    if (facts.length) out.push(`${s.suite}: ${facts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  const failures = results.flatMap((s) => s.cases.filter((c) => c.status === 'failed'));
  if (failures.length) {
    out.push('', `${failures.length} failure${failures.length === 1 ? '' : 's'}:`);
    for (const f of failures) {
      out.push(`FAIL [${f.suite}] ${f.name}`, `  ${f.reason ?? ''}`);
      if (f.statement) out.push(`  statement: ${f.statement}`);
      if (f.detail) out.push(...f.detail.split('\n').map((l) => `  ${l}`));
    }
  }
  if (opts.listNotGenerated) {
    const ng = results.flatMap((s) => s.cases.filter((c) => c.status === 'not generated'));
    if (ng.length) out.push('', 'not generated:', ...ng.map((c) => `  [${c.suite}] ${c.name}: ${c.reason}`));
  }
  return out.join('\n') + '\n';
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one testsuite per suite; "not generated" cases are skipped with their reason. */
export function junitXml(results: SuiteResult[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="strata test">'];
  for (const s of results) {
    const c = counts(s);
    out.push(`  <testsuite name="${xml(s.suite)}" tests="${s.cases.length}" failures="${c.failed}" skipped="${c.notGenerated}" time="${(s.elapsedMs / 1000).toFixed(3)}">`);
    for (const t of s.cases) {
      out.push(`    <testcase classname="strata.${xml(s.suite)}" name="${xml(t.name)}">`);
      if (t.status === 'failed') {
        const body = [t.statement ? `statement: ${t.statement}` : '', t.detail ?? ''].filter(Boolean).join('\n');
        out.push(`      <failure message="${xml(t.reason ?? 'failed')}">${xml(body)}</failure>`);
      } else if (t.status === 'not generated') out.push(`      <skipped message="${xml(`not generated: ${t.reason ?? ''}`)}"/>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
