/**
 * `strata pool config|userlist`: the PgBouncer (transaction pooling) and TLS
 * configuration for the project's application roles.
 */
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../command.js';
import { resolveServer } from '../../cluster/index.js';
import { loadConfig } from '../../config/index.js';
import { formatDiagnostic, StrataError } from '../../core/diagnostic.js';
import { projectPoolFiles, readUserlist, renderUserlist, stalePoolFiles, writePoolFiles } from '../../pool/index.js';

export const poolConfig: Command = {
  path: ['pool', 'config'],
  summary: 'Write pgbouncer.ini, pg_hba.conf and postgresql.tls.conf for the application roles (--check: fail when stale)',
  usage: '[--out DIR] [--check]',
  description: `Renders from strata.config.json: tenancy.roles (who may connect, TLS only) and the optional
"pool" section (ports, pool sizes, server, file paths). Files go to pool.out (default ops/pgbouncer).
pgbouncer.ini pools in transaction mode and requires TLS from clients and to the server; pg_hba.conf
refuses members of the application roles without TLS; postgresql.tls.conf turns TLS on.
The auth_file comes from a live server: strata pool userlist.`,
  options: {
    out: { type: 'string', valueName: '<dir>', description: 'write here instead of pool.out' },
    check: { type: 'boolean', description: 'compare with the files on disk instead of writing them; exit 1 when stale' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const config = await loadConfig(ctx.cwd);
    const { files, dir: configured } = projectPoolFiles(config);
    const dir = ctx.options.out ? path.resolve(ctx.invokedFrom ?? ctx.cwd, ctx.options.out as string) : configured;
    const rel = path.relative(process.cwd(), dir) || '.';
    if (ctx.options.check) {
      const stale = await stalePoolFiles(dir, files, ctx.cwd);
      if (ctx.json) ctx.out(JSON.stringify({ dir: rel, stale }) + '\n');
      else {
        for (const d of stale) ctx.err(formatDiagnostic(d) + '\n');
        if (!stale.length) ctx.out(`${Object.keys(files).length} pool files in ${rel} are up to date\n`);
      }
      return stale.length ? 1 : 0;
    }
    const changed = await writePoolFiles(dir, files);
    if (ctx.json) ctx.out(JSON.stringify({ dir: rel, files: Object.keys(files), changed: changed.map((c) => path.relative(process.cwd(), c)) }) + '\n');
    else {
      for (const c of changed) ctx.out(`wrote ${path.relative(process.cwd(), c)}\n`);
      ctx.out(`${Object.keys(files).length} pool files in ${rel}; ${changed.length} changed\n`);
    }
    return 0;
  },
};

export const poolUserlist: Command = {
  path: ['pool', 'userlist'],
  summary: "Print PgBouncer's auth_file: login roles that are members of the application roles, with their SCRAM secrets",
  usage: '[--out FILE]',
  description: `Reads pg_authid on the server (--database-url / DATABASE_URL, else the embedded cluster), so it
needs a superuser. Superusers are never listed; a member without a SCRAM password is reported and
left out. With --out the file is written with mode 0600. Never commit its output.`,
  options: {
    out: { type: 'string', valueName: '<file>', description: 'write the auth_file here (mode 0600) instead of stdout' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const config = await loadConfig(ctx.cwd);
    if (!config.tenancy) {
      throw new StrataError({ code: 'pool.no-tenancy', severity: 'error', subject: 'strata.config.json', message: 'the project config has no "tenancy" section', hint: 'add tenancy.roles' });
    }
    const server = await resolveServer({ databaseUrl: ctx.options['database-url'] as string | undefined, cwd: ctx.cwd });
    const { entries, diagnostics } = await readUserlist(server.adminUrl, config.tenancy.roles);
    for (const d of diagnostics) ctx.err(formatDiagnostic(d) + '\n');
    const text = renderUserlist(entries);
    if (ctx.options.out) {
      const file = path.resolve(ctx.invokedFrom ?? ctx.cwd, ctx.options.out as string);
      await writeFile(file, text, { mode: 0o600 });
      await chmod(file, 0o600);
      if (ctx.json) ctx.out(JSON.stringify({ file, roles: entries.map((e) => e.role), warnings: diagnostics }) + '\n');
      else ctx.out(`wrote ${entries.length} role(s) to ${path.relative(process.cwd(), file)}\n`);
    } else if (ctx.json) ctx.out(JSON.stringify({ roles: entries.map((e) => e.role), warnings: diagnostics }) + '\n');
    else ctx.out(text);
    if (!entries.length) ctx.err(`no login role is a member of ${config.tenancy.roles.join(', ')}: nobody could log in through the pool\n`);
    return entries.length ? 0 : 1;
  },
};
