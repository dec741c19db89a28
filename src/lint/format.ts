/** Findings → text: human (coloured on a TTY), JSON, GitHub Actions annotations, SARIF 2.1.0. */
import { RULES } from './rules/index.js';
import type { Finding } from './types.js';

export type OutputFormat = 'human' | 'json' | 'github' | 'sarif';

export const DOCS_PATH = 'docs/lint-rules.md';

/** The rule's explanation: its anchor in docs/lint-rules.md (squawk's rules share one section, plus squawk's own page). */
export function ruleLink(rule: string): string {
  return rule.startsWith('squawk/') ? `${DOCS_PATH}#squawk (https://squawkhq.com/docs/${rule.slice('squawk/'.length)})` : `${DOCS_PATH}#${rule}`;
}

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

export interface FormatOptions {
  colour?: boolean;
  /** Print suppressed and info findings too (human format). */
  verbose?: boolean;
}

export function formatFindings(findings: Finding[], format: OutputFormat, opts: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ findings: findings.map((f) => ({ ...f, docs: ruleLink(f.rule) })) }, null, 2) + '\n';
    case 'github':
      // Annotations for what needs a look: notes (access on new objects, narrowing) stay in json and sarif.
      return findings
        .filter((f) => !f.suppressed && (f.severity !== 'info' || opts.verbose))
        .map((f) => `::${f.severity === 'info' ? 'notice' : f.severity} file=${escapeProperty(f.file)},line=${f.line},title=${escapeProperty(`strata lint ${f.rule}`)}::${escapeData(`${f.message} (${ruleLink(f.rule)})`)}\n`)
        .join('');
    case 'sarif':
      return JSON.stringify(sarif(findings), null, 2) + '\n';
    case 'human':
      return human(findings, opts);
  }
}

function human(findings: Finding[], opts: FormatOptions): string {
  const c = (k: keyof typeof COLOURS, s: string) => (opts.colour ? `${COLOURS[k]}${s}${COLOURS.reset}` : s);
  let out = '';
  for (const f of findings) {
    if ((f.suppressed || f.severity === 'info') && !opts.verbose) continue;
    const sev = f.suppressed ? c('dim', `suppressed ${f.severity}`) : c(f.severity, f.severity);
    out += `${f.file}:${f.line}: ${sev}: ${f.message} [${f.rule}]\n`;
    if (f.suppressed) out += `  ${c('dim', `acknowledged: ${f.suppressed}`)}\n`;
    else if (f.hint) out += `  hint: ${f.hint}\n`;
    out += `  ${c('dim', `see ${ruleLink(f.rule)}`)}\n`;
  }
  return out;
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function sarif(findings: Finding[]) {
  const ruleIds = [...new Set([...RULES.map((r) => r.id), ...findings.map((f) => f.rule)])];
  const summary = new Map(RULES.map((r) => [r.id, r.summary]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'strata lint',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: summary.get(id) ?? id }, helpUri: ruleLink(id).split(' ')[0] })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: f.severity === 'info' ? 'note' : f.severity,
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line } } }],
          ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed }] } : {}),
        })),
      },
    ],
  };
}
