/**
 * `strata lint`: migration safety (plan hazards on the state before and after each
 * migration, squawk's statement rules, down files proved by replay), query impact,
 * access changes, and schema rules on the desired state. Rules: src/lint;
 * gathering: src/lint-run; explanations: docs/lint-rules.md.
 */
import type { Command } from '../command.js';
import { stepReporter } from '../progress.js';
import { resolveServer } from '../../cluster/index.js';
import { usageError } from '../../core/diagnostic.js';
import { loadConfig } from '../../config/index.js';
import { formatFindings, lint, lintConfigFrom, RULE_IDS, type OutputFormat } from '../../lint/index.js';
import { gatherLintInput, type Selection } from '../../lint-run/index.js';

const FORMATS: readonly OutputFormat[] = ['human', 'json', 'github', 'sarif'];

export const lintCommand: Command = {
  path: ['lint'],
  summary: 'Check migrations, queries, access and the desired state for hazards (exit 1 on errors)',
  usage: '[--all | --base <ref>] [--format human|json|github|sarif] [--strict] [--database-url <url>]',
  description: `Which migrations: pending by default — with --database-url, those not in that database's
history; without a target (CI), every migration. --all: every migration. --base REF: migrations whose
files changed since git REF (committed or not).

For each migration strata builds the state before and after it, diffs them and reads the plan's
hazards (destructive, data-dependent, locking), runs squawk on its statements, runs its down file
on the after state and compares with the state before, describes every query of queries/ against
both states, and compares grants and policies. The desired state (schema/) gets the schema rules.
With --database-url, findings on locks, scans and rewrites show the table's rows and size there.

Suppress a finding with a comment on its statement: -- strata:ignore RULE reason (the reason is
required). Configure rules in strata.config.json "lint". Rules: docs/lint-rules.md.`,
  options: {
    all: { type: 'boolean', description: 'lint every migration' },
    base: { type: 'string', valueName: '<ref>', description: 'lint migrations changed since this git ref' },
    format: { type: 'string', valueName: '<format>', description: 'human, json, github (Actions annotations) or sarif', default: 'human' },
    strict: { type: 'boolean', description: 'exit 1 on warnings too' },
    'no-schema': { type: 'boolean', description: 'skip the desired-state rules' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const format = (ctx.json ? 'json' : String(ctx.options.format ?? 'human')) as OutputFormat;
    if (!FORMATS.includes(format)) throw usageError(`unknown --format ${format}`, `use one of ${FORMATS.join(', ')}`);
    if (ctx.options.all && ctx.options.base) throw usageError('give --all or --base, not both');
    const selection: Selection = ctx.options.all ? { kind: 'all' } : ctx.options.base ? { kind: 'base', ref: String(ctx.options.base) } : { kind: 'pending' };
    const project = await loadConfig(ctx.cwd);
    const config = lintConfigFrom(project.section('lint'), RULE_IDS, project.file);
    const targetUrl = ctx.options['database-url'] as string | undefined;
    const onStep = stepReporter(ctx);
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: targetUrl, onStep });
    const gathered = await gatherLintInput({ project, lint: config, server, selection, targetUrl, schema: !ctx.options['no-schema'], onStep });
    const result = lint(gathered.input, config);
    const failed = result.errors > 0 || (Boolean(ctx.options.strict) && result.warnings > 0);
    if (format === 'json') {
      ctx.out(JSON.stringify({ ok: !failed, migrations: gathered.versions, errors: result.errors, warnings: result.warnings, notes: gathered.notes, ...JSON.parse(formatFindings(result.findings, 'json')) }, null, 2) + '\n');
      return failed ? 1 : 0;
    }
    ctx.out(formatFindings(result.findings, format, { colour: ctx.progress, verbose: ctx.verbose }));
    if (format === 'human') {
      for (const n of gathered.notes) ctx.err(`note: ${n}\n`);
      const suppressed = result.findings.filter((f) => f.suppressed).length;
      const infos = result.findings.filter((f) => f.severity === 'info' && !f.suppressed).length;
      const what = `${gathered.versions.length} migration${gathered.versions.length === 1 ? '' : 's'}${gathered.input.schema ? ' and the desired state' : ''}`;
      ctx.out(`${failed ? 'lint failed' : 'lint ok'}: ${what}: ${result.errors} errors, ${result.warnings} warnings${suppressed ? `, ${suppressed} suppressed` : ''}${infos && !ctx.verbose ? `, ${infos} notes (--verbose shows them)` : ''}\n`);
    }
    return failed ? 1 : 0;
  },
};
