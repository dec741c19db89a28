/**
 * `strata backup --output FILE`: pg_dump (custom format) of the dev database or
 * of --database-url, plus a manifest (FILE.json) that lets `strata restore`
 * verify the restored catalog and rows without the source.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { stepReporter } from '../progress.js';
import { backup as runBackup } from '../../backup/index.js';
import { backupConfig } from '../../backup/config.js';
import { redact } from '../../cluster/index.js';
import { loadConfig } from '../../config/index.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveMigrationTarget } from '../../runner/index.js';

export const backup: Command = {
  path: ['backup'],
  summary: 'Dump a database with pg_dump (custom format) plus a manifest of its catalog and table checksums',
  usage: '--output FILE [--database-url <url>]',
  description: `Dumps the database named by --database-url / DATABASE_URL, else the embedded cluster's strata_dev,
with pg_dump --format=custom. In the same snapshot as the dump, every table's row count and checksum is
computed by the server; they go with the catalog snapshot and its fingerprint into FILE.json, which
\`strata restore FILE\` verifies against. pg_dump must be the server's major version (or newer): it is
looked up in the config's "backup": {"pgBin": DIR}, then PATH, then /usr/lib/postgresql/<major>/bin.

Example:
  strata backup --output backups/prod-2026-12-01.dump --database-url postgres://backup@db/prod`,
  options: {
    output: { type: 'string', short: 'o', valueName: '<file>', description: 'dump file to write (FILE.json is written beside it)' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const output = ctx.options.output as string | undefined;
    if (!output) throw usageError('--output FILE is required', 'e.g. strata backup --output backups/dev.dump');
    const config = await loadConfig(ctx.cwd);
    const { pgBin } = backupConfig(config);
    const target = await resolveMigrationTarget({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined });
    const report = stepReporter(ctx);
    const result = await runBackup({
      url: target.url,
      output: path.resolve(ctx.invokedFrom ?? ctx.cwd, output),
      configDir: pgBin,
      onStep: report,
      onTable: ctx.progress ? (t, i, n) => ctx.err(`  [${i}/${n}] ${t.table} ${t.rows} rows\n`) : undefined,
    });
    const m = result.manifest;
    const rows = m.tables.reduce((a, t) => a + t.rows, 0);
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          file: result.file,
          manifest: result.manifestFile,
          source: redact(target.url),
          pgDump: m.pgDump,
          bytes: m.dump.bytes,
          sha256: m.dump.sha256,
          fingerprint: m.fingerprint,
          tables: m.tables,
          elapsedMs: Math.round(result.elapsedMs),
        }) + '\n',
      );
    } else {
      ctx.out(
        `backed up ${redact(target.url)} to ${result.file} (${m.dump.bytes} bytes, ${m.tables.length} tables, ${rows} rows) ` +
          `in ${(result.elapsedMs / 1000).toFixed(1)}s with ${m.pgDump.path}\nmanifest: ${result.manifestFile} (fingerprint ${m.fingerprint.slice(0, 12)})\n`,
      );
    }
    return 0;
  },
};
