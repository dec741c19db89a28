/**
 * Typed queries: pgtyped run against a database built from `migrations/` (or
 * from `schema/` while no migration exists), writing `<query file>.queries.ts`
 * next to each `queries/*.sql`.
 *
 * pgtyped reports a broken query on stdout and still exits 0 (its failOnError
 * does not set the exit code), and it emits `never` types for that query. Both
 * are detected here and turned into diagnostics, so a query that fails to type
 * fails the command.
 *
 * Generation always runs in a temporary copy of the project's query folder, so
 * `check` can compare fresh output with the committed files without touching them.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StrataError, type Diagnostic } from '../core/diagnostic.js';
import { readMigrationDir } from '../migrations/index.js';
import type { ServerTarget } from '../cluster/index.js';
import { withState, type StateSource } from '../state/index.js';

export const PGTYPED_CONFIG_FILE = 'pgtyped.config.json';
export const GENERATED_SUFFIX = '.queries.ts';

export type TypeSource = 'migrations' | 'schema';

export interface GeneratedFile {
  /** Path relative to the project root, `/`-separated, e.g. `queries/<name>.queries.ts`. */
  path: string;
  content: string;
}

export interface TypegenConfig {
  /** Query folder relative to the project root (pgtyped's srcDir). */
  srcDir: string;
  /** The parsed pgtyped config, passed through with dbUrl replaced. */
  raw: Record<string, unknown>;
}

export async function readTypegenConfig(cwd: string): Promise<TypegenConfig> {
  const file = path.join(cwd, PGTYPED_CONFIG_FILE);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new StrataError({
      code: 'typegen.config',
      severity: 'error',
      subject: PGTYPED_CONFIG_FILE,
      message: `cannot read ${PGTYPED_CONFIG_FILE}: ${(e as Error).message}`,
    });
  }
  const srcDir = typeof raw.srcDir === 'string' ? raw.srcDir : './queries';
  return { srcDir: path.posix.normalize(srcDir.replace(/\\/g, '/')).replace(/\/$/, ''), raw };
}

/**
 * Create a scratch database holding the schema the queries are typed against, run `fn`, drop it.
 * Source: every migration's up file in version order; when `migrations/` has none, the
 * desired state in `schema/` (reported as `schema`, so callers can say so).
 */
export async function withTypeSourceDatabase<T>(
  server: ServerTarget,
  cwd: string,
  fn: (url: string, source: TypeSource) => Promise<T>,
): Promise<T> {
  const dir = path.join(cwd, 'migrations');
  const hasMigrations = (await readMigrationDir(dir)).migrations.length > 0;
  const source: StateSource = hasMigrations ? { kind: 'migrationsDir', dir } : { kind: 'schemaDir', dir: path.join(cwd, 'schema') };
  return withState(source, server, (state) => fn(state.url, hasMigrations ? 'migrations' : 'schema'), { label: 'types' });
}

/** Run pgtyped for the project's queries against `dbUrl`; returns the generated files. Throws on any query error. */
export async function generateQueryTypes(cwd: string, dbUrl: string): Promise<GeneratedFile[]> {
  const config = await readTypegenConfig(cwd);
  const work = await mkdtemp(path.join(tmpdir(), 'strata-types-'));
  try {
    const srcAbs = path.join(work, config.srcDir);
    const sqlFiles = (await readdir(path.join(cwd, config.srcDir))).filter((f) => f.endsWith('.sql')).sort();
    await cp(path.join(cwd, config.srcDir), srcAbs, {
      recursive: true,
      filter: (src) => !src.endsWith(GENERATED_SUFFIX),
    });
    const cfgPath = path.join(work, PGTYPED_CONFIG_FILE);
    await writeFile(cfgPath, JSON.stringify({ ...config.raw, failOnError: false, dbUrl: undefined }, null, 2));
    const { output, code } = await runPgtyped(work, cfgPath, dbUrl);
    const reported = pgtypedDiagnostics(output, config.srcDir);
    const diagnostics = [...reported.parse];
    const serverDetail = reported.serverErrors.length ? `server errors: ${reported.serverErrors.join('; ')}` : undefined;
    const files: GeneratedFile[] = [];
    for (const sql of sqlFiles) {
      const rel = `${config.srcDir}/${sql.replace(/\.sql$/, GENERATED_SUFFIX)}`;
      const content = await readFile(path.join(work, rel), 'utf8').catch(() => undefined);
      if (content === undefined) {
        diagnostics.push(typeError(`${config.srcDir}/${sql}`, `${config.srcDir}/${sql}: pgtyped produced no types (no annotated query, or a parse error)`));
        continue;
      }
      const invalid = new Set([...content.matchAll(/Query '([^']+)' is invalid/g)].map((m) => m[1]!));
      for (const name of invalid) {
        diagnostics.push(typeError(`${config.srcDir}/${sql}`, `${config.srcDir}/${sql}: query '${name}' failed to type`, serverDetail));
      }
      files.push({ path: rel, content });
    }
    if (diagnostics.length === 0 && reported.serverErrors.length > 0) {
      diagnostics.push(typeError(config.srcDir, 'pgtyped reported errors', serverDetail));
    }
    if (code !== 0 && diagnostics.length === 0) {
      diagnostics.push(typeError(config.srcDir, `pgtyped exited with code ${code}`, lastLines(output)));
    }
    if (diagnostics.length > 0) throw new TypegenError(diagnostics);
    return files;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Several diagnostics at once: every broken query is reported, not just the first. */
export class TypegenError extends StrataError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const first = diagnostics[0]!;
    super({
      ...first,
      message: diagnostics.length > 1 ? `${first.message} (and ${diagnostics.length - 1} more)` : first.message,
      detail: diagnostics.map((d) => `${d.message}${d.detail ? `\n  ${d.detail}` : ''}`).join('\n'),
    });
    this.diagnostics = diagnostics;
  }
}

/** Write generated files under the project root. Returns the paths whose content changed. */
export async function writeGeneratedFiles(cwd: string, files: GeneratedFile[]): Promise<string[]> {
  const changed: string[] = [];
  for (const f of files) {
    const abs = path.join(cwd, f.path);
    const old = await readFile(abs, 'utf8').catch(() => undefined);
    if (old !== f.content) {
      await writeFile(abs, f.content);
      changed.push(f.path);
    }
  }
  return changed;
}

/** Committed files that differ from fresh output, are missing, or have no query file any more. */
export async function staleGeneratedFiles(cwd: string, files: GeneratedFile[], srcDir: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const expected = new Set(files.map((f) => f.path));
  for (const f of files) {
    const old = await readFile(path.join(cwd, f.path), 'utf8').catch(() => undefined);
    if (old === undefined) out.push(stale(f.path, `${f.path}: generated file is missing`));
    else if (old !== f.content) out.push(stale(f.path, `${f.path}: generated file is stale`));
  }
  const present = (await readdir(path.join(cwd, srcDir))).filter((n) => n.endsWith(GENERATED_SUFFIX));
  for (const n of present) {
    const rel = `${srcDir}/${n}`;
    if (!expected.has(rel)) out.push(stale(rel, `${rel}: generated file has no query file`));
  }
  return out;
}

function stale(subject: string, message: string): Diagnostic {
  return { code: 'typegen.stale', severity: 'error', subject, message, hint: 'run `strata types` (make types) and commit the result' };
}

function typeError(subject: string, message: string, detail?: string): Diagnostic {
  return { code: 'typegen.query', severity: 'error', subject, message, detail };
}

function lastLines(s: string, n = 15): string {
  return s.trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * pgtyped's console output → diagnostics. Its workers print out of order, so a server error
 * (`Error in query. Details: {...}`) cannot be tied to a file from the output; the generated file
 * marks that query invalid instead, and generateQueryTypes reports it by file and query name with
 * these messages as detail. Annotation parse errors (`Errors:` then `- (line:col) Parse error: ...`)
 * are followed by the `Saved <file>` / `Skipped <file>` line of the file they belong to.
 */
export function pgtypedDiagnostics(output: string, srcDir: string): { parse: Diagnostic[]; serverErrors: string[] } {
  const parse: Diagnostic[] = [];
  const serverErrors: string[] = [];
  let pending: { line: number; column: number; message: string }[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('Error in query')) {
      const block = [line];
      while (i + 1 < lines.length && !/^(Processing |Saved |Error in query|Skipped |Errors:)/.test(lines[i + 1]!.trim())) block.push(lines[++i]!);
      const text = block.join('\n');
      const message = /message: '([^']*)'/.exec(text)?.[1] ?? 'query rejected by the server';
      const position = /position: '(\d+)'/.exec(text)?.[1];
      serverErrors.push(position ? `${message} (at character ${position} of the statement)` : message);
      continue;
    }
    const m = /^- \((\d+):(\d+)\) (.*)$/.exec(line);
    if (m) {
      pending.push({ line: Number(m[1]), column: Number(m[2]) + 1, message: m[3]! });
      continue;
    }
    const owner = /^(?:Saved \d+ query types from|Skipped) (\S+\.sql)/.exec(line);
    if (owner && pending.length) {
      const file = owner[1]!.replace(/:$/, '');
      for (const p of pending) parse.push({ ...typeError(file, p.message), location: { file, line: p.line, column: p.column } });
      pending = [];
    }
  }
  for (const p of pending) parse.push({ ...typeError(srcDir, p.message), location: { file: srcDir, line: p.line, column: p.column } });
  return { parse, serverErrors };
}

/**
 * Preloaded into the pgtyped CLI: its wire client leaves Nagle's algorithm on, and each query's
 * Parse/Describe/Close/Flush go out as separate small writes, so every query waited on a delayed
 * ACK (about 40 ms a query; 47 queries took 2.2 s, 0.2 s with TCP_NODELAY).
 */
const NO_DELAY =
  'data:text/javascript,' +
  encodeURIComponent(
    "import net from 'node:net'; const connect = net.Socket.prototype.connect; net.Socket.prototype.connect = function (...a) { this.setNoDelay(true); return connect.apply(this, a); };",
  );

function runPgtyped(cwd: string, configPath: string, dbUrl: string): Promise<{ output: string; code: number }> {
  const cli = new URL(import.meta.resolve('@pgtyped/cli/index'));
  return new Promise((resolve, reject) => {
    // --import arrived in Node 20.6; an older Node runs pgtyped as it is, only slower.
    const preload = process.allowedNodeEnvironmentFlags.has('--import') ? [`--import=${NO_DELAY}`] : [];
    const child = spawn(process.execPath, [...preload, cli.pathname, '-c', configPath, '--uri', dbUrl], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBUG: '' },
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ output, code: code ?? 1 }));
  });
}
