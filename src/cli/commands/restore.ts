/**
 * `strata restore FILE [--into NAME]`: pg_restore into a new database, then
 * verify it: catalog, row counts and checksums equal to the backup's manifest
 * (or to a live --source). Exit 1 when anything differs.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { stepReporter } from '../progress.js';
import { checkDumpFile, restore as runRestore, type TableResult, type Verification } from '../../backup/index.js';
import { backupConfig } from '../../backup/config.js';
import { redact, resolveServer } from '../../cluster/index.js';
import { loadConfig } from '../../config/index.js';
import { usageError } from '../../core/diagnostic.js';

export const restore: Command = {
  path: ['restore'],
  summary: 'Restore a strata backup into a NEW database and verify catalog, row counts and checksums',
  usage: 'FILE [--into NAME] [--source <url>] [--no-verify] [--database-url <url>]',
  description: `Creates database NAME (default: the dump's file name + "_restored") on the server of --database-url /
DATABASE_URL, else on the embedded cluster, and runs pg_restore in one transaction. It refuses a NAME
that exists: restore never overwrites. The dump must match the sha256 in its manifest (FILE.json).
Then the restored database is compared with the manifest (or with the live database --source, when
given): the catalog (the same snapshot and differ as \`strata diff\`), and per table the row count
and checksum. Exit 0 when all match, 1 when anything differs (listed per table); the restored
database is kept either way, for inspection.

Example:
  strata restore backups/prod-2026-12-01.dump --into prod_check`,
  options: {
    into: { type: 'string', valueName: '<name>', description: 'name of the new database (must not exist)' },
    source: { type: 'string', valueName: '<url>', description: 'verify against this live database instead of the manifest' },
    'no-verify': { type: 'boolean', description: 'restore only, without verification (a dump without manifest)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    // Checked before a server is resolved: a typo must not start the dev cluster.
    const file = await checkDumpFile(path.resolve(ctx.invokedFrom ?? ctx.cwd, ctx.positionals[0]!));
    const into = (ctx.options.into as string | undefined) ?? defaultName(file);
    if (!into || into.length > 63) throw usageError(`--into must be a database name of 1 to 63 bytes, got "${into}"`);
    const { pgBin } = backupConfig(await loadConfig(ctx.cwd));
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined, onStep: stepReporter(ctx) });
    const result = await runRestore({
      file,
      serverUrl: server.adminUrl,
      into,
      sourceUrl: ctx.options.source as string | undefined,
      verify: !ctx.options['no-verify'],
      configDir: pgBin,
      onStep: stepReporter(ctx),
      onTable: ctx.progress ? (t, i, n) => ctx.err(`  [${i}/${n}] ${t.table} ${t.rows} rows\n`) : undefined,
    });
    const v = result.verification;
    if (ctx.json) {
      ctx.out(JSON.stringify({ database: result.database, url: redact(result.url), pgRestore: result.pgRestore, verification: v, elapsedMs: Math.round(result.elapsedMs) }) + '\n');
    } else {
      ctx.out(`restored ${file} into ${result.database} (${redact(result.url)}) in ${(result.elapsedMs / 1000).toFixed(1)}s\n`);
      if (v) ctx.out(describe(v, ctx.verbose));
      else ctx.out('not verified (--no-verify)\n');
    }
    return v && !v.ok ? 1 : 0;
  },
};

function defaultName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return `${base || 'backup'}_restored`.slice(0, 63);
}

const STATUS: Record<TableResult['status'], string> = {
  ok: 'ok',
  missing: 'missing in the restored database',
  extra: 'not in the backup',
  rows: 'row count differs',
  checksum: 'same row count, different rows',
};

function describe(v: Verification, verbose: boolean): string {
  const rows = v.tables.reduce((a, t) => a + (t.actual?.rows ?? 0), 0);
  const bad = v.tables.filter((t) => t.status !== 'ok');
  let out = '';
  if (v.ok) {
    return `verified against the ${v.against}: catalog equal (fingerprint ${v.fingerprint.actual.slice(0, 12)}), ${v.tables.length} tables, ${rows} rows, all checksums equal\n`;
  }
  out += `verification against the ${v.against} FAILED: ${v.catalog.length} catalog differences, ${bad.length} of ${v.tables.length} tables differ\n`;
  for (const d of v.catalog.slice(0, verbose ? undefined : 20)) {
    out += d.kind === 'differs' ? `  catalog: ${d.id}: ${d.field} differs\n` : `  catalog: ${d.id}: ${d.kind === 'missing' ? 'missing in the restored database' : 'not in the backup'}\n`;
  }
  if (!verbose && v.catalog.length > 20) out += `  … ${v.catalog.length - 20} more (--verbose or --json lists all)\n`;
  for (const t of bad) {
    const e = t.expected ? `${t.expected.rows} rows, checksum ${t.expected.checksum.slice(0, 12)}` : '-';
    const a = t.actual ? `${t.actual.rows} rows, checksum ${t.actual.checksum.slice(0, 12)}` : '-';
    out += `  table ${t.table}: ${STATUS[t.status]} (expected ${e}; restored ${a})\n`;
  }
  return out;
}
