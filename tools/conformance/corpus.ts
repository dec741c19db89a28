/**
 * The outside diff-case corpus (`../shared/corpus`): its index, each case's files
 * and the few `meta.yml` settings the harness acts on.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StrataError } from '../../src/core/diagnostic.js';

export interface CaseMeta {
  /** sqldef: the case expects the differ to refuse with this message. */
  error?: string;
  /** sqldef: the case runs without a database in its home project. */
  offline?: boolean;
  /** sqldef: a server flavour such as `pgvector`. */
  flavor?: string;
  /** sqldef: lowest PostgreSQL version the case is meant for. */
  minVersion?: string;
  /** sqldef: roles the case's grants mention and its harness manages. */
  managedRoles: string[];
}

export interface CorpusCase {
  /** `source/rel`, unique across the corpus; what `--filter` matches. */
  id: string;
  source: string;
  rel: string;
  group: string;
  category: string;
  tags: string[];
  /** Absolute path of the case directory. */
  dir: string;
  meta: CaseMeta;
}

interface IndexEntry {
  rel: string;
  group: string;
  case: string;
  cat: string;
  tags: string[];
}

export function defaultCorpusRoot(cwd: string): string {
  return path.resolve(cwd, '..', 'shared', 'corpus');
}

export function loadCorpus(root: string): CorpusCase[] {
  const indexFile = path.join(root, 'index.json');
  if (!existsSync(indexFile)) {
    throw new StrataError({
      code: 'conformance.corpus',
      severity: 'error',
      subject: indexFile,
      message: 'corpus index not found',
      hint: 'pass --corpus <dir> pointing at a directory with index.json',
    });
  }
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, IndexEntry[]>;
  const cases: CorpusCase[] = [];
  for (const source of Object.keys(index).sort()) {
    for (const e of index[source] ?? []) {
      const dir = path.join(root, source, e.rel);
      cases.push({
        id: `${source}/${e.rel}`,
        source,
        rel: e.rel,
        group: e.group,
        category: e.cat,
        tags: e.tags,
        dir,
        meta: readMeta(dir),
      });
    }
  }
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface CaseFilter {
  /** Case-insensitive substring of the case id or its category. */
  text?: string;
  source?: string;
}

export function filterCases(cases: CorpusCase[], f: CaseFilter): CorpusCase[] {
  const text = f.text?.toLowerCase();
  return cases.filter(
    (c) =>
      (!f.source || c.source === f.source) &&
      (!text || c.id.toLowerCase().includes(text) || c.category === text),
  );
}

/** The SQL a case's database is built from: the optional shared setup, then the state file. */
export function caseSql(c: CorpusCase, side: 'old' | 'new'): { setup?: string; body: string } {
  const setupFile = path.join(c.dir, 'setup.sql');
  const setup = existsSync(setupFile) ? readFileSync(setupFile, 'utf8') : undefined;
  const body = readFileSync(path.join(c.dir, `${side}.sql`), 'utf8');
  return { setup, body };
}

/**
 * meta.yml files hold top-level scalars and lists of scalars, plus nested maps
 * (`config`, `manage`) the harness does not act on; this reads only that subset.
 */
export function parseMeta(text: string): CaseMeta {
  const meta: CaseMeta = { managedRoles: [] };
  let listKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(raw);
    if (item && listKey === 'managed_roles') {
      meta.managedRoles.push(unquote(item[1] ?? ''));
      continue;
    }
    const top = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(raw);
    if (!top) continue;
    const key = top[1] ?? '';
    const value = unquote(top[2] ?? '');
    listKey = value === '' ? key : undefined;
    if (key === 'error') meta.error = value;
    else if (key === 'offline') meta.offline = value === 'true';
    else if (key === 'flavor') meta.flavor = value;
    else if (key === 'min_version') meta.minVersion = value;
  }
  return meta;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))) {
    return t.slice(1, -1);
  }
  return t;
}

function readMeta(dir: string): CaseMeta {
  const file = path.join(dir, 'meta.yml');
  return existsSync(file) ? parseMeta(readFileSync(file, 'utf8')) : { managedRoles: [] };
}

/**
 * Reasons a case is not run at all, decided from its metadata before touching
 * PostgreSQL. Everything else is measured by loading it.
 */
export function staticSkipReason(c: CorpusCase, serverMajor: number): string | undefined {
  if (c.group === 'tests_aurora_dsql') return 'Aurora DSQL dialect (not PostgreSQL)';
  if (c.meta.error !== undefined) return `case expects the differ to refuse: ${c.meta.error}`;
  if (c.meta.minVersion !== undefined && Number.parseFloat(c.meta.minVersion) > serverMajor) {
    return `needs PostgreSQL ${c.meta.minVersion}`;
  }
  return undefined;
}
