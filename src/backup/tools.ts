/**
 * Which pg_dump / pg_restore to run. Their major version must match the
 * server's: pg_dump refuses a server newer than itself, and an archive made by
 * a newer pg_dump may hold syntax an older server rejects. When no exact match
 * exists, a newer tool is accepted (pg_dump and pg_restore support older
 * servers); an older one never is.
 *
 * Candidates, in order: the config's `backup.pgBin`, every `PATH` directory,
 * then each `/usr/lib/postgresql/<major>/bin`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';

export type PgTool = 'pg_dump' | 'pg_restore' | 'pg_basebackup' | 'pg_ctl' | 'initdb' | 'postgres';

export interface FoundTool {
  path: string;
  major: number;
}

export interface ToolSearch {
  /** Directory from the config (`backup.pgBin`), tried first. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Root of the Debian layout (tests point it elsewhere). */
  systemRoot?: string;
}

/** Candidate directories, first wins among equal versions. */
export function candidateDirs(opts: ToolSearch = {}): string[] {
  const env = opts.env ?? process.env;
  const dirs: string[] = [];
  if (opts.configDir) dirs.push(path.resolve(opts.configDir));
  for (const d of (env.PATH ?? '').split(path.delimiter)) if (d) dirs.push(path.resolve(d));
  const root = opts.systemRoot ?? '/usr/lib/postgresql';
  let majors: string[] = [];
  try {
    majors = readdirSync(root).filter((n) => /^\d+$/.test(n));
  } catch {
    // no Debian layout on this machine
  }
  for (const m of majors.sort((a, b) => Number(b) - Number(a))) dirs.push(path.join(root, m, 'bin'));
  return [...new Set(dirs)];
}

const versionCache = new Map<string, number | undefined>();

/** Major version printed by `<tool> --version` (`pg_dump (PostgreSQL) 15.14`), or undefined when it does not run. */
export function toolMajor(file: string): number | undefined {
  if (versionCache.has(file)) return versionCache.get(file);
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout ?? '');
  const major = r.status === 0 && m ? Number(m[1]) : undefined;
  versionCache.set(file, major);
  return major;
}

/** Every runnable copy of `tool` in the candidate directories, with its major version. */
export function listTools(tool: PgTool, opts: ToolSearch = {}): FoundTool[] {
  const out: FoundTool[] = [];
  const seen = new Set<string>();
  for (const dir of candidateDirs(opts)) {
    const file = path.join(dir, tool);
    if (!existsSync(file)) continue;
    // /bin and /usr/bin are often one directory: list each program once.
    const real = realpathSync(file);
    if (seen.has(real)) continue;
    seen.add(real);
    const major = toolMajor(file);
    if (major !== undefined) out.push({ path: file, major });
  }
  return out;
}

/**
 * The copy of `tool` for a server of major `serverMajor`: the first exact match,
 * else the oldest newer one. Throws `backup.tool-version` naming what was found.
 */
export function findTool(tool: PgTool, serverMajor: number, opts: ToolSearch = {}): FoundTool {
  const found = listTools(tool, opts);
  const exact = found.find((t) => t.major === serverMajor);
  if (exact) return exact;
  const newer = found.filter((t) => t.major > serverMajor).sort((a, b) => a.major - b.major)[0];
  if (newer) return newer;
  const seen = found.length ? found.map((t) => `PostgreSQL ${t.major} (${t.path})`).join(', ') : 'none';
  throw new StrataError({
    code: 'backup.tool-version',
    severity: 'error',
    subject: tool,
    message: `the server is PostgreSQL ${serverMajor} but no ${tool} of version ${serverMajor} or newer was found; found: ${seen}`,
    hint:
      `install the PostgreSQL ${serverMajor} client tools (e.g. apt-get install postgresql-client-${serverMajor}) ` +
      `and put them on PATH or set "backup": {"pgBin": "/usr/lib/postgresql/${serverMajor}/bin"} in strata.config.json` +
      (found.length ? `; or run the server on PostgreSQL ${found[0]!.major} (a dev cluster: STRATA_PG_BIN=${path.dirname(found.find((t) => t.path.includes('/postgresql/'))?.path ?? found[0]!.path)} with its own STRATA_CLUSTER_DIR; docs/operations.md)` : ''),
  });
}
