/**
 * `strata db start|stop|status|url|clean`: the embedded dev cluster, or the
 * external server named by --database-url / DATABASE_URL.
 */
import type { Command, CommandContext } from '../command.js';
import { stepReporter } from '../progress.js';
import { StrataError } from '../../core/diagnostic.js';
import { databaseUrl, dropLeftoverScratch, redact, resolveServer, type ServerTarget } from '../../cluster/index.js';
import { clusterPaths, clusterStatus, removeCluster, startCluster, stopCluster } from '../../cluster/embedded.js';

function externalUrl(ctx: CommandContext): string | undefined {
  return (ctx.options['database-url'] as string | undefined) || process.env.DATABASE_URL || undefined;
}


async function serverVersion(url: string): Promise<string> {
  const { queryOnce } = await import('../../db/connect.js');
  const rows = await queryOnce<{ v: string }>(url, `SELECT current_setting('server_version') AS v`);
  return rows[0]?.v ?? '?';
}

export const dbStart: Command = {
  path: ['db', 'start'],
  summary: 'Start the embedded PostgreSQL cluster (initialising it on first use)',
  usage: '',
  description: `Data lives in .strata/pg/ (git-ignored). The server listens on 127.0.0.1 at a free port
(kept across restarts) and on a unix socket in .strata/pg/run/. Every other command starts
the cluster on demand, so this is only needed to start it ahead of time.
Prints the admin URL. With DATABASE_URL set, checks that server instead.`,
  options: {},
  positionals: { max: 0 },
  async run(ctx) {
    const ext = externalUrl(ctx);
    if (ext) {
      const version = await serverVersion(ext);
      if (ctx.json) ctx.out(JSON.stringify({ external: true, url: redact(ext), version }) + '\n');
      else ctx.out(`using the external server ${redact(ext)} (PostgreSQL ${version}); nothing to start\n`);
      return 0;
    }
    const t0 = performance.now();
    const st = await startCluster({ cwd: ctx.cwd, onStep: stepReporter(ctx) });
    if (ctx.json) {
      ctx.out(
        JSON.stringify({ external: false, started: st.started, initialised: st.initialised, initdbCopied: st.initdbCopied ?? false, url: st.url, port: st.port, pid: st.pid, dataDir: st.paths.data, major: st.major }) + '\n',
      );
    } else {
      if (ctx.progress && st.started) ctx.err(`started in ${((performance.now() - t0) / 1000).toFixed(2)}s\n`);
      if (!st.started && ctx.verbose) ctx.err('already running\n');
      ctx.out(`${st.url}\n`);
    }
    return 0;
  },
};

export const dbStop: Command = {
  path: ['db', 'stop'],
  summary: 'Stop the embedded PostgreSQL cluster',
  usage: '[--remove]',
  description: `Fast shutdown: open transactions are rolled back. Data stays in .strata/pg/ for the next start,
unless --remove deletes the cluster (data, socket directory, in-memory scratch tablespace).`,
  options: {
    remove: { type: 'boolean', description: 'also delete the cluster and everything in it' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    notExternal(ctx);
    const was = clusterStatus(clusterPaths(ctx.cwd)).state;
    if (ctx.options.remove) await removeCluster({ cwd: ctx.cwd });
    else await stopCluster({ cwd: ctx.cwd });
    const stopped = was === 'running';
    if (ctx.json) ctx.out(JSON.stringify({ stopped, removed: Boolean(ctx.options.remove) }) + '\n');
    else ctx.out(`${stopped ? 'stopped' : 'not running'}${ctx.options.remove ? '; removed' : ''}\n`);
    return 0;
  },
};

export const dbStatus: Command = {
  path: ['db', 'status'],
  summary: 'Show whether the cluster runs, its URL and data directory (exit 1 when not running)',
  usage: '',
  options: {},
  positionals: { max: 0 },
  async run(ctx) {
    const ext = externalUrl(ctx);
    if (ext) {
      let version: string | undefined;
      let error: string | undefined;
      try {
        version = await serverVersion(ext);
      } catch (e) {
        error = (e as Error).message;
      }
      if (ctx.json) ctx.out(JSON.stringify({ external: true, url: redact(ext), reachable: !error, version, error }) + '\n');
      else ctx.out(error ? `external server ${redact(ext)}: unreachable (${error})\n` : `external server ${redact(ext)}: PostgreSQL ${version}\n`);
      return error ? 1 : 0;
    }
    const st = clusterStatus(clusterPaths(ctx.cwd));
    if (ctx.json) {
      ctx.out(JSON.stringify({ external: false, state: st.state, url: st.url, port: st.port, pid: st.pid, major: st.major, dataDir: st.paths.data, socketDir: st.paths.socketDir, log: st.paths.log }) + '\n');
    } else {
      const lines = [`state:    ${st.state}`];
      if (st.url) lines.push(`url:      ${st.url}`, `pid:      ${st.pid}`);
      if (st.major) lines.push(`version:  PostgreSQL ${st.major}`);
      lines.push(`data:     ${st.paths.data}`, `socket:   ${st.paths.socketDir}`, `log:      ${st.paths.log}`);
      ctx.out(lines.join('\n') + '\n');
    }
    return st.state === 'running' ? 0 : 1;
  },
};

export const dbUrl: Command = {
  path: ['db', 'url'],
  summary: 'Print the URL of the database server (starts the embedded cluster on demand)',
  usage: '[--database <name>]',
  description: 'Usable as `psql "$(strata db url)"` or `DATABASE_URL=$(strata db url) ...`.',
  options: {
    database: { type: 'string', short: 'd', valueName: '<name>', description: 'database name in the URL', default: 'postgres' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: externalUrl(ctx), onStep: stepReporter(ctx) });
    const db = ctx.options.database as string;
    const url = server.external && db === 'postgres' ? server.adminUrl : databaseUrl(server.adminUrl, db);
    ctx.out(ctx.json ? JSON.stringify({ url, external: server.external }) + '\n' : `${url}\n`);
    return 0;
  },
};

export const dbClean: Command = {
  path: ['db', 'clean'],
  summary: 'Drop scratch databases left behind by killed strata processes',
  usage: '[--all]',
  description: `Scratch databases are always dropped when a command ends, fails or is interrupted;
only a hard kill (kill -9, power loss) leaves one behind. Their names carry the pid of
the process that made them: those whose process is gone and that nobody is connected to
are dropped. --all drops every unconnected scratch database (for a server shared
between machines, where pids mean nothing).`,
  options: {
    all: { type: 'boolean', description: 'drop every unconnected scratch database, whatever its pid' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const server: ServerTarget = await resolveServer({ cwd: ctx.cwd, databaseUrl: externalUrl(ctx), onStep: stepReporter(ctx) });
    const found = await dropLeftoverScratch(server, { all: Boolean(ctx.options.all) });
    const dropped = found.filter((f) => f.dropped);
    if (ctx.json) ctx.out(JSON.stringify({ dropped: dropped.map((d) => d.name), kept: found.filter((f) => !f.dropped).map((d) => d.name) }) + '\n');
    else {
      for (const d of dropped) ctx.out(`dropped ${d.name}\n`);
      ctx.out(`${dropped.length} dropped, ${found.length - dropped.length} in use\n`);
    }
    return 0;
  },
};

function notExternal(ctx: CommandContext): void {
  if (externalUrl(ctx)) {
    throw new StrataError({
      code: 'cluster.external',
      severity: 'error',
      subject: 'DATABASE_URL',
      message: 'this command manages the embedded cluster, but DATABASE_URL / --database-url is set',
      hint: 'unset DATABASE_URL to manage the embedded cluster',
    });
  }
}
