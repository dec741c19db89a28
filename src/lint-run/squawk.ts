/**
 * squawk-cli (statement-level rules) run on migration files, its JSON report
 * mapped to strata findings `squawk/<rule>`. Rules strata answers itself with
 * state knowledge (is the table new? does the plan rewrite it?) are left out by
 * default, so the same problem is not reported twice.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';
import type { Finding } from '../lint/types.js';

/** squawk rule → the strata rule that covers it with knowledge of the state. */
export const COVERED_BY_STRATA: Record<string, string> = {
  'require-concurrent-index-creation': 'index-not-concurrent',
  'constraint-missing-not-valid': 'constraint-not-valid',
  'adding-foreign-key-constraint': 'constraint-not-valid',
  'changing-column-type': 'table-rewrite',
  'adding-not-nullable-field': 'data-dependent',
  'adding-required-field': 'data-dependent',
  'ban-drop-column': 'destructive',
  'ban-drop-table': 'destructive',
  'require-lock-timeout': 'lock-timeout',
  'adding-field-with-default': 'volatile-default',
  'prefer-timestamp-tz': 'timestamp-without-tz',
  'prefer-text-field': 'varchar-length',
  // The runner wraps a transactional file in one transaction, so a re-run never meets half a migration.
  'prefer-robust-stmts': 'the runner (one transaction per migration)',
  // The runner sets statement_timeout when asked (strata migrate up --statement-timeout).
  'require-statement-timeout': 'the runner (--statement-timeout)',
};

interface SquawkViolation {
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
  help: string | null;
  rule_name: string;
}

/**
 * squawk's platform binary, run directly (its node launcher costs a process). strata depends on the
 * platform package itself, as an optional dependency: the wrapper package `squawk-cli` lists every
 * platform in the lock file, and registries that serve only this platform's package then break `npm ci`.
 * A project that installed `squawk-cli` itself is served through its launcher.
 */
function squawkBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = `@squawk-cli/${process.platform}-${process.arch}`;
  try {
    return require.resolve(`${pkg}/bin/${process.platform === 'win32' ? 'squawk.exe' : 'squawk'}`);
  } catch {
    try {
      const launcher = path.join(path.dirname(require.resolve('squawk-cli/package.json')), 'js', 'index.js');
      return (require(launcher) as { getBinaryPath(): string }).getBinaryPath();
    } catch {
      throw new StrataError({
        code: 'lint.squawk',
        severity: 'error',
        subject: 'squawk',
        message: `squawk is not installed for ${process.platform}-${process.arch}`,
        hint: `npm install --save-dev squawk-cli (or ${pkg})`,
      });
    }
  }
}

/**
 * Run squawk on `files` (absolute paths; `display` maps them to the paths findings show). Files that run inside a
 * transaction are checked with --assume-in-transaction.
 */
export async function runSquawk(files: { path: string; display: string; transactional: boolean }[], exclude: string[], serverVersion: string): Promise<Finding[]> {
  const out: Finding[] = [];
  const excluded = [...new Set([...Object.keys(COVERED_BY_STRATA), ...exclude])];
  for (const transactional of [true, false]) {
    const group = files.filter((f) => f.transactional === transactional);
    if (!group.length) continue;
    const args = ['--reporter', 'json', `--exclude=${excluded.join(',')}`, `--pg-version=${serverVersion}`, ...(transactional ? ['--assume-in-transaction'] : []), ...group.map((f) => f.path)];
    const stdout = await run(args);
    const display = new Map(group.map((f) => [f.path, f.display]));
    let violations: SquawkViolation[];
    try {
      violations = JSON.parse(stdout || '[]') as SquawkViolation[];
    } catch {
      throw new StrataError({ code: 'lint.squawk', severity: 'error', subject: 'squawk', message: 'squawk did not print a JSON report', detail: stdout.slice(0, 500) });
    }
    for (const v of violations) {
      out.push({
        rule: `squawk/${v.rule_name}`,
        severity: v.level === 'Error' ? 'error' : 'warning',
        file: display.get(v.file) ?? display.get(path.resolve(v.file)) ?? v.file,
        line: v.line + 1,
        message: v.message,
        ...(v.help ? { hint: v.help } : {}),
      });
    }
  }
  return out;
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(squawkBinary(), args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      // squawk exits 1 when it reports violations; only a missing report is a failure.
      if (err && !stdout.trim().startsWith('[')) {
        reject(new StrataError({ code: 'lint.squawk', severity: 'error', subject: 'squawk', message: `squawk failed: ${stderr.trim() || err.message}` }));
        return;
      }
      resolve(stdout);
    });
  });
}
