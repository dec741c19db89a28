/**
 * `strata recover --base DIR --wal DIR --to TIME --data DIR`: point-in-time
 * recovery into a new data directory, left running for inspection.
 */
import path from 'node:path';
import type { Command } from '../command.js';
import { stepReporter } from '../progress.js';
import { backupConfig } from '../../backup/config.js';
import { recoverToTime } from '../../backup/pitr.js';
import { loadConfig } from '../../config/index.js';
import { usageError } from '../../core/diagnostic.js';

export const recover: Command = {
  path: ['recover'],
  summary: 'Point-in-time recovery: a new cluster from a base backup and a WAL archive, up to a time',
  usage: '--base DIR --wal DIR --to TIME --data DIR [--port N]',
  description: `Copies the plain-format base backup DIR (pg_basebackup -Fp) to the new data directory --data,
replays the WAL archive --wal up to --to (recovery_target_time: commits at or before it are kept,
later ones are not), promotes, and leaves the server running on 127.0.0.1 --port (default: a free
port). The server binaries must be the base backup's major version (config "backup": {"pgBin"},
PATH, /usr/lib/postgresql/<major>/bin). Stop it with: pg_ctl stop -D DATA. See docs/operations.md.

Example:
  strata recover --base /backups/base --wal /backups/wal --to '2026-12-01 21:00:00+00' --data /srv/pitr`,
  options: {
    base: { type: 'string', valueName: '<dir>', description: 'plain-format base backup (pg_basebackup -Fp)' },
    wal: { type: 'string', valueName: '<dir>', description: 'WAL archive (the folder archive_command copies into)' },
    to: { type: 'string', valueName: '<time>', description: 'recovery target time, e.g. 2026-12-01 21:00:00+00' },
    data: { type: 'string', valueName: '<dir>', description: 'new data directory to create (must not exist)' },
    port: { type: 'string', valueName: '<N>', description: 'TCP port on 127.0.0.1 (default: a free port)' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const need = ['base', 'wal', 'to', 'data'].filter((k) => !ctx.options[k]);
    if (need.length) throw usageError(`missing ${need.map((k) => `--${k}`).join(', ')}`, 'strata recover --base DIR --wal DIR --to TIME --data DIR');
    const portText = ctx.options.port as string | undefined;
    if (portText !== undefined && !/^[1-9]\d{0,4}$/.test(portText)) throw usageError(`--port must be a TCP port, got "${portText}"`);
    const from = ctx.invokedFrom ?? ctx.cwd;
    const { pgBin } = backupConfig(await loadConfig(ctx.cwd));
    const r = await recoverToTime({
      base: path.resolve(from, ctx.options.base as string),
      wal: path.resolve(from, ctx.options.wal as string),
      data: path.resolve(from, ctx.options.data as string),
      to: ctx.options.to as string,
      port: portText ? Number(portText) : undefined,
      configDir: pgBin,
      onStep: stepReporter(ctx),
    });
    if (ctx.json) ctx.out(JSON.stringify({ data: r.data, port: r.port, url: r.url, major: r.major, log: r.log }) + '\n');
    else ctx.out(`recovered to ${String(ctx.options.to)}: PostgreSQL ${r.major} running at ${r.url}\ndata: ${r.data} (log ${r.log})\nstop it with: pg_ctl stop -D ${r.data}\n`);
    return 0;
  },
};
