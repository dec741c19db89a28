/**
 * `strata docs`: the schema documentation under `<docs>/schema/`, generated from the catalog of
 * the database migrations/ builds (through the one state builder), plus the migration history
 * from the plan between consecutive migration states. Rendering is pure (model, markdown,
 * mermaid, html, history); this module builds the states, renders the SVG, writes and checks files.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerTarget } from '../cluster/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Snapshot } from '../core/model/index.js';
import { diffSnapshots } from '../engine/index.js';
import { readMigrationDir } from '../migrations/index.js';
import { withState, type BuiltState, type StateSource } from '../state/index.js';
import { readDomains } from './domains.js';
import { renderMigrationsPage, type MigrationEntry } from './history.js';
import { renderIndexHtml } from './html.js';
import { renderFunctionsPage, renderReadme, renderTablePage, renderTypesPage, renderViewsPage } from './markdown.js';
import { schemaDiagram } from './mermaid.js';
import { buildModel, type DocModel } from './model.js';
import { chromiumMissingReason, findChromium, renderMermaidSvgs, rendererMissingReason } from './svg.js';

export { buildModel } from './model.js';
export { findChromium, renderMermaidSvgs, CHROMIUM_INSTALL, chromiumMissingReason } from './svg.js';

/** The folder under the project's docs folder that `strata docs` owns. */
export const DOCS_SUBDIR = 'schema';
export const SVG_FILE = 'er.svg';

export interface DocsOptions {
  root: string;
  server: ServerTarget;
  migrationsDir: string;
  schemaDir: string;
  /** Folder the files go to (`<docs>/schema`). */
  outDir: string;
  /** Render er.svg (default: when Chromium is found). */
  svg?: boolean;
  onStep?: (label: string) => void;
}

export interface GeneratedDocs {
  outDir: string;
  /** File name (inside outDir) → content, sorted by name. er.svg is here when it was rendered. */
  files: Map<string, string>;
  /** Why er.svg was not rendered, when it was not. */
  svgSkipped?: string;
  model: DocModel;
  /** Every Mermaid source the Markdown embeds plus the whole-schema one (first), for checks. */
  mermaid: { file: string; source: string }[];
}

/** The snapshot after each migration (and before the first), built by replaying migrations/ up to it. */
async function migrationStates(dir: string, server: ServerTarget, root: string): Promise<{ entries: MigrationEntry[]; final: Snapshot }> {
  const { migrations } = await readMigrationDir(dir);
  const empty = await mkdtemp(path.join(tmpdir(), 'strata-docs-empty-'));
  // Each state is a clone of the one before with one more migration applied: the runner replays
  // each migration once instead of every prefix from scratch (quadratic in the history).
  let prev: HeldState | undefined;
  try {
    prev = await holdState({ kind: 'migrationsDir', dir: empty }, server);
    const entries: MigrationEntry[] = [];
    for (const m of migrations) {
      const next: HeldState = await holdState({ kind: 'migrationsDir', dir, to: m.version }, server, prev.state.database);
      const before = prev.state.snapshot;
      await prev.release();
      prev = next;
      const after = next.state.snapshot;
      entries.push({ version: m.version, name: m.name, file: path.relative(root, m.up.path).split(path.sep).join('/'), steps: diffSnapshots(before, after).steps, before, after });
    }
    return { entries, final: prev.state.snapshot };
  } finally {
    await prev?.release();
    await rm(empty, { recursive: true, force: true });
  }
}

interface HeldState {
  state: BuiltState;
  /** Drop the scratch database (idempotent). */
  release(): Promise<void>;
}

/** `withState` whose database stays until `release()`, so the next state can be cloned from it. */
function holdState(source: StateSource, server: ServerTarget, template?: string): Promise<HeldState> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const done = withState(source, server, async (state) => {
      resolve({ state, release: () => (release(), done) });
      await released;
    }, { label: 'docs', template });
    // Fails before the callback (build error): reject; after it, release() rethrows the drop's error.
    done.catch(reject);
  });
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

/** Extract the ```mermaid blocks of a Markdown text. */
function mermaidBlocks(md: string): string[] {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```mermaid') continue;
    const start = i + 1;
    while (i < lines.length && lines[i] !== '```') i++;
    out.push(lines.slice(start, i).join('\n') + '\n');
  }
  return out;
}

export async function generateDocs(opts: DocsOptions): Promise<GeneratedDocs> {
  opts.onStep?.('replaying migrations/');
  const { entries, final } = await migrationStates(opts.migrationsDir, opts.server, opts.root);
  opts.onStep?.('reading domains from schema/');
  // A project without schema/ (migrations only) has no domains: every table is listed under one heading.
  const domains = (await isDirectory(opts.schemaDir)) ? await readDomains(opts.schemaDir, opts.root) : {};
  const model = buildModel(final, domains);

  const noRenderer = opts.svg === false ? undefined : rendererMissingReason();
  const chromium = opts.svg === false || noRenderer ? undefined : await findChromium();
  const svgSkipped = opts.svg === false ? 'SVG rendering turned off (--no-svg)' : noRenderer ?? (chromium ? undefined : chromiumMissingReason());
  const files = new Map<string, string>();
  files.set('README.md', renderReadme(model));
  for (const t of model.tables) files.set(`${t.slug}.md`, renderTablePage(model, t));
  files.set('views.md', renderViewsPage(model));
  files.set('functions.md', renderFunctionsPage(model));
  files.set('types.md', renderTypesPage(model));
  files.set('migrations.md', renderMigrationsPage(entries));
  files.set('index.html', renderIndexHtml(model));
  const whole = schemaDiagram(model);
  files.set('er.mmd', whole);
  const mermaid = [{ file: 'er.mmd', source: whole }];
  for (const [file, text] of files) if (file.endsWith('.md')) for (const source of mermaidBlocks(text)) mermaid.push({ file, source });
  if (chromium) {
    opts.onStep?.('rendering er.svg');
    const [svg] = await renderMermaidSvgs(chromium, [whole]);
    files.set(SVG_FILE, svg!.endsWith('\n') ? svg! : svg + '\n');
  }
  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { outDir: opts.outDir, files: sorted, svgSkipped, model, mermaid };
}

/** Files `strata docs` owns in outDir: what it writes, by extension. */
function owned(name: string): boolean {
  return name.endsWith('.md') || name === 'index.html' || name === 'er.mmd' || name === SVG_FILE;
}

async function existing(outDir: string): Promise<string[]> {
  try {
    return (await readdir(outDir, { withFileTypes: true })).filter((e) => e.isFile() && owned(e.name)).map((e) => e.name).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Write what changed and remove pages of objects that no longer exist. er.svg is kept as it is
 * when it was not rendered (it cannot be checked without Chromium).
 */
export async function writeDocs(g: GeneratedDocs): Promise<{ written: string[]; removed: string[] }> {
  await mkdir(g.outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of g.files) {
    const file = path.join(g.outDir, name);
    if ((await readOrUndefined(file)) === content) continue;
    await writeFile(file, content);
    written.push(name);
  }
  const removed: string[] = [];
  for (const name of await existing(g.outDir)) {
    if (g.files.has(name) || (name === SVG_FILE && g.svgSkipped)) continue;
    await rm(path.join(g.outDir, name));
    removed.push(name);
  }
  return { written, removed };
}

/** One diagnostic per stale, missing or orphaned file; [] when the committed docs are current. */
export async function staleDocs(g: GeneratedDocs, displayRoot: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const shown = (name: string) => path.relative(displayRoot, path.join(g.outDir, name)).split(path.sep).join('/');
  const hint = 'run `strata docs` (make docs) and commit docs/schema/';
  for (const [name, content] of g.files) {
    const onDisk = await readOrUndefined(path.join(g.outDir, name));
    if (onDisk === content) continue;
    out.push({ code: 'docs.stale', severity: 'error', subject: shown(name), message: `${shown(name)} is ${onDisk === undefined ? 'missing' : 'stale'}`, hint });
  }
  for (const name of await existing(g.outDir)) {
    if (g.files.has(name) || (name === SVG_FILE && g.svgSkipped)) continue;
    out.push({ code: 'docs.orphan', severity: 'error', subject: shown(name), message: `${shown(name)} documents nothing that exists any more`, hint });
  }
  return out;
}
