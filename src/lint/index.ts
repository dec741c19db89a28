/**
 * The lint stage (pure): typed inputs → findings. Each rule is a module under
 * `rules/`; this file runs the enabled ones at their configured severity, adds
 * squawk's findings, and applies `-- strata:ignore RULE reason` suppressions.
 */
import { relationKey, statementAt } from './locate.js';
import { RULE_IDS, RULES, SUPPRESSION_RULE } from './rules/index.js';
import type { Finding, LintInput, RuleContext, StatementInfo, Suppression } from './types.js';
import type { LintConfig } from './config.js';

export type * from './types.js';
export { RULES, RULE_IDS, SUPPRESSION_RULE } from './rules/index.js';
export { lintConfigFrom, DEFAULT_LINT_CONFIG, type LintConfig } from './config.js';
export { formatFindings, type OutputFormat, DOCS_PATH, ruleLink } from './format.js';

/** squawk rules about locking or renaming a table: moot on a table the same migration creates. */
export const EXISTING_TABLE_ONLY: ReadonlySet<string> = new Set(
  ['adding-serial-primary-key-field', 'disallowed-unique-constraint', 'require-concurrent-index-deletion', 'renaming-column', 'renaming-table', 'ban-drop-not-null', 'ban-alter-domain-with-add-constraint'].map((r) => `squawk/${r}`),
);

export interface LintResult {
  /** Sorted by file and line; suppressed findings carry `suppressed` and do not count. */
  findings: Finding[];
  errors: number;
  warnings: number;
}

export function lint(input: LintInput, config: LintConfig): LintResult {
  const findings: Finding[] = [];
  const ctxFor = (id: string, fallback: Finding['severity']): RuleContext | undefined => {
    const setting = config.rules[id] ?? fallback;
    return setting === 'off' ? undefined : { config, tenancy: input.tenancy, severity: setting };
  };
  for (const m of input.migrations) {
    const local: Finding[] = [];
    for (const rule of RULES) {
      if (rule.scope !== 'migration') continue;
      const ctx = ctxFor(rule.id, rule.severity);
      if (ctx) local.push(...rule.check(m, ctx));
    }
    const existing = new Set(m.before.objects.flatMap((o) => (o.kind === 'table' || o.kind === 'view' || o.kind === 'materialized_view' ? [relationKey(o.schema, o.name)] : [])));
    for (const f of m.external) {
      const setting = config.rules[f.rule] ?? f.severity;
      if (setting === 'off') continue;
      // A lock or a rename only hurts a table that existed (and was in use) before the migration.
      const stmt = statementAt(m.statements, f.file, f.line);
      if (EXISTING_TABLE_ONLY.has(f.rule) && stmt && stmt.relations.length && stmt.relations.every((r) => !existing.has(r))) continue;
      local.push({ ...f, severity: setting });
    }
    findings.push(...suppress(local, m.statements, true));
  }
  if (input.schema) {
    const local: Finding[] = [];
    for (const rule of RULES) {
      if (rule.scope !== 'schema') continue;
      const ctx = ctxFor(rule.id, rule.severity);
      if (ctx) local.push(...rule.check(input.schema, ctx));
    }
    findings.push(...suppress(local, input.schema.statements, false));
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
  const counted = findings.filter((f) => !f.suppressed);
  return { findings, errors: counted.filter((f) => f.severity === 'error').length, warnings: counted.filter((f) => f.severity === 'warning').length };
}

/**
 * Mark findings a statement's suppression acknowledges. A finding outside the statements' files (a query a
 * migration breaks) is acknowledged by a suppression anywhere in the migration when `fileWide`.
 * A suppression without a reason, or naming no rule strata knows, acknowledges nothing and is a finding itself.
 */
function suppress(findings: Finding[], statements: StatementInfo[], fileWide: boolean): Finding[] {
  const out: Finding[] = [];
  const all: Suppression[] = statements.flatMap((s) => s.suppressions);
  const valid = (x: Suppression) => x.reason !== '' && (RULE_IDS.has(x.rule) || x.rule.startsWith('squawk/'));
  const files = new Set(statements.map((s) => s.file));
  for (const f of findings) {
    const candidates = files.has(f.file) ? (statementAt(statements, f.file, f.line)?.suppressions ?? []) : fileWide ? all : [];
    const hit = candidates.find((x) => x.rule === f.rule && valid(x));
    out.push(hit ? { ...f, suppressed: hit.reason } : f);
  }
  for (const x of all) {
    if (x.reason === '') out.push({ rule: SUPPRESSION_RULE, severity: 'error', file: x.file, line: x.line, message: `-- strata:ignore ${x.rule || '<rule>'} needs a reason after the rule id`, hint: `write: -- strata:ignore ${x.rule || 'RULE'} <why this is safe>` });
    else if (!valid(x)) out.push({ rule: SUPPRESSION_RULE, severity: 'error', file: x.file, line: x.line, message: `-- strata:ignore names unknown rule "${x.rule}"`, hint: 'rule ids are listed in docs/lint-rules.md' });
  }
  return out;
}
