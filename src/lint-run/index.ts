/**
 * Gathering what `strata lint` checks (I/O): which migrations, the state before
 * and after each (built by the state builder; the down file run by the runner
 * on the after state), the plan between them, statement locations, catalog facts,
 * query descriptions, squawk's report, table sizes of a target database, and
 * the desired state. The rules themselves are pure (src/lint).
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createScratchDatabase, withScratchDatabase, type ScratchDatabase, type ServerTarget } from '../cluster/index.js';
import { StrataError } from '../core/diagnostic.js';
import type { Snapshot } from '../core/model/index.js';
import { connect } from '../db/connect.js';
import { compareSnapshots, diffSnapshots } from '../engine/index.js';
import type { CatalogFacts, LintInput, MigrationInput, QueryDescription, SchemaInput, StatementInfo } from '../lint/types.js';
import type { LintConfig } from '../lint/config.js';
import { readMigrationDir, type Migration } from '../migrations/index.js';
import type { ProjectConfig } from '../config/index.js';
import { migrateDown, readHistory } from '../runner/index.js';
import { listSqlFiles, readSources } from '../source/index.js';
import { snapshotDatabase, withState } from '../state/index.js';
import { describeQueries } from '../typegen/describe.js';
import { catalogFacts, plpgsqlCheck, tableSizes } from './facts.js';
import { runSquawk } from './squawk.js';
import { statementInfos } from './statements.js';

export { statementInfos, parseDirective, IGNORE_DIRECTIVE } from './statements.js';
export { COVERED_BY_STRATA } from './squawk.js';

/**
 * Which migrations to check. `pending`: those not in the target's history when a target database is given,
 * else every migration (CI has no target: everything in the folder is "not yet applied" as far as it knows).
 */
export type Selection = { kind: 'pending' } | { kind: 'all' } | { kind: 'base'; ref: string };

export interface GatherOptions {
  project: ProjectConfig;
  lint: LintConfig;
  server: ServerTarget;
  selection: Selection;
  /** Target database: pending migrations and table sizes come from it. */
  targetUrl?: string;
  /** Lint the desired state too (default true when the schema folder exists). */
  schema?: boolean;
  onStep?: (label: string, ms: number) => void;
}

export interface Gathered {
  input: LintInput;
  /** Versions linted, in order. */
  versions: string[];
  /** Things the user should know about what was (not) checked. */
  notes: string[];
}

export async function gatherLintInput(opts: GatherOptions): Promise<Gathered> {
  const { project } = opts;
  const root = project.root;
  const display = (p: string) => path.relative(root, p).split(path.sep).join('/') || p;
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      opts.onStep?.(label, performance.now() - t0);
    }
  };
  const notes: string[] = [];
  const dirPath = project.paths.migrations;
  const dir = await readMigrationDir(dirPath).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { dir: dirPath, migrations: [] as Migration[], warnings: [] };
    throw e;
  });
  const selected = await select(dir.migrations, opts, root, dirPath, notes);
  const hasQueries = await isDir(project.paths.queries);

  const migrations: MigrationInput[] = [];
  // The state before the migration being linted, kept as a template: each state is a clone of the one
  // before it plus one more migration applied by the runner, not a replay of the folder from the start.
  let previous: ScratchDatabase | undefined;
  const keep = async (database: string | undefined) => {
    await previous?.drop();
    previous = database ? await createScratchDatabase(opts.server, { label: 'lint', template: database }) : undefined;
  };
  try {
  if (selected.length) {
    const first = dir.migrations.indexOf(selected[0]!);
    // The state before the first selected migration, and the queries described against it.
    let before: { snapshot: Snapshot; queries: QueryDescription[] | null; facts: CatalogFacts };
    if (first === 0) {
      before = await timed('empty state', () => withScratchDatabase(opts.server, { label: 'lint-empty' }, async (url) => ({ snapshot: await snapshotDatabase(url), queries: null, facts: await catalogFacts(url) })));
    } else {
      const prev = dir.migrations[first - 1]!;
      before = await timed(`state at ${prev.version}`, () =>
        withState({ kind: 'migrationsDir', dir: dirPath, to: prev.version }, opts.server, async (s) => {
          const state = {
            snapshot: s.snapshot,
            queries: hasQueries ? await describeQueries(root, project.paths.queries, s.url) : null,
            facts: await catalogFacts(s.url),
          };
          await keep(s.database);
          return state;
        }, { label: 'lint' }),
      );
    }
    const upInfos = new Map<string, StatementInfo[]>();
    for (const m of selected) upInfos.set(m.version, await statementInfos(m.up.content, display(m.up.path)));
    const serverVersion = String(Math.floor((before.snapshot.serverVersion || 180000) / 10000));
    const squawk = await timed('squawk', () =>
      runSquawk(selected.map((m) => ({ path: m.up.path, display: display(m.up.path), transactional: m.up.transactional })), opts.lint.squawk.exclude, serverVersion),
    );
    for (const [i, m] of selected.entries()) {
      // Selected migrations follow one another in the folder (a --base selection may skip some): only then is the kept state the one before m.
      const next = selected[i + 1];
      const chained = next !== undefined && dir.migrations.indexOf(next) === dir.migrations.indexOf(m) + 1;
      const built = await timed(`state at ${m.version}`, () =>
        withState({ kind: 'migrationsDir', dir: dirPath, to: m.version }, opts.server, async (s) => {
          const facts = await catalogFacts(s.url);
          const queries = hasQueries ? await describeQueries(root, project.paths.queries, s.url) : null;
          // Kept before the down below changes this database.
          await keep(chained ? s.database : undefined);
          let residue: string[] | null = null;
          let downError: string | null = null;
          if (m.down) {
            try {
              await migrateDown({ url: s.url, dir: dirPath, steps: 1, appliedBy: 'strata lint', secrets: 'placeholder' });
              residue = compareSnapshots(before.snapshot, await snapshotDatabase(s.url));
            } catch (e) {
              downError = e instanceof StrataError ? e.diagnostic.message : (e as Error).message;
            }
          }
          return { snapshot: s.snapshot, facts, queries, residue, downError };
        }, { label: 'lint', template: previous?.name }),
      );
      const { steps, downSteps } = diffSnapshots(before.snapshot, built.snapshot);
      const upFile = display(m.up.path);
      const input: MigrationInput = {
        version: m.version,
        name: m.name,
        upFile,
        downFile: m.down ? display(m.down.path) : null,
        transactional: m.up.transactional,
        statements: upInfos.get(m.version)!,
        downStatements: m.down ? await statementInfos(m.down.content, display(m.down.path)) : null,
        before: before.snapshot,
        after: built.snapshot,
        steps,
        downSteps,
        beforeFacts: before.facts,
        afterFacts: built.facts,
        downResidue: built.residue,
        downError: built.downError,
        queriesBefore: before.queries,
        queriesAfter: built.queries,
        external: squawk.filter((f) => f.file === upFile),
        sizes: null,
      };
      if (opts.targetUrl) input.sizes = await timed('table sizes', () => tableSizes(opts.targetUrl!, touchedTables(input)));
      migrations.push(input);
      before = { snapshot: built.snapshot, queries: built.queries, facts: built.facts };
    }
  }
  } finally {
    await previous?.drop();
  }

  let schema: SchemaInput | null = null;
  if (opts.schema !== false && (await isDir(project.paths.schema))) {
    const files = await readSources(await listSqlFiles(project.paths.schema), root);
    const statements: StatementInfo[] = [];
    for (const f of files) statements.push(...(await statementInfos(f.text, f.path.split(path.sep).join('/'))));
    schema = await timed('desired state', () =>
      withState({ kind: 'schemaDir', dir: project.paths.schema }, opts.server, async (s) => {
        const facts = await catalogFacts(s.url);
        const checked = await plpgsqlCheck(s.url);
        if (checked === null) notes.push('plpgsql_check is not available on this server: function bodies were not checked');
        return { snapshot: s.snapshot, facts, statements, plpgsqlCheck: checked };
      }, { label: 'lint' }),
    );
  }
  return {
    input: { migrations, schema, ...(project.tenancy ? { tenancy: { column: project.tenancy.column, roles: project.tenancy.roles } } : {}) },
    versions: selected.map((m) => m.version),
    notes,
  };
}

/** Existing tables a step rewrites, scans or indexes: the ones whose size matters. */
function touchedTables(m: MigrationInput): { id: string; qname: string }[] {
  const byId = new Map(m.before.objects.map((o) => [o.id, o]));
  const out = new Map<string, string>();
  for (const s of m.steps) {
    if (!s.hazards.some((h) => h === 'table-rewrite' || h === 'validation-scan' || h === 'index-build' || h === 'blocking-lock')) continue;
    let o = byId.get(s.objectId);
    for (let i = 0; o && o.kind !== 'table' && i < 3; i++) o = o.parent ? byId.get(o.parent) : undefined;
    if (o?.kind === 'table') out.set(o.id, o.qname);
  }
  return [...out].map(([id, qname]) => ({ id, qname }));
}

async function select(all: Migration[], opts: GatherOptions, root: string, dirPath: string, notes: string[]): Promise<Migration[]> {
  switch (opts.selection.kind) {
    case 'all':
      return all;
    case 'pending': {
      if (!opts.targetUrl) {
        notes.push('no target database (--database-url): every migration counts as pending');
        return all;
      }
      const pool = connect(opts.targetUrl, { poolSize: 1, applicationName: 'strata lint' });
      try {
        const applied = new Set((await pool.task((c) => readHistory(c))).map((r) => BigInt(r.version)));
        return all.filter((m) => !applied.has(m.versionNumber));
      } finally {
        await pool.dispose();
      }
    }
    case 'base': {
      const changed = await changedFiles(opts.selection.ref, root, dirPath);
      return all.filter((m) => changed.has(path.resolve(m.up.path)) || (m.down && changed.has(path.resolve(m.down.path))));
    }
  }
}

/** Files under `dir` that differ from git ref `ref` (committed, staged or not) or are new and untracked. */
async function changedFiles(ref: string, root: string, dir: string): Promise<Set<string>> {
  const git = (args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile('git', args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
        err ? reject(new StrataError({ code: 'lint.git', severity: 'error', subject: ref, message: `git ${args[0]} failed: ${stderr.trim() || err.message}`, hint: 'give --base a commit, branch or tag this repository has (fetch it first in CI)' }, 2)) : resolve(stdout),
      ),
    );
  const top = (await git(['rev-parse', '--show-toplevel'])).trim();
  const diff = await git(['diff', '--name-only', '--no-renames', ref, '--', dir]);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '--full-name', '--', dir]);
  return new Set([...diff.split('\n'), ...untracked.split('\n')].filter(Boolean).map((f) => path.resolve(top, f)));
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
