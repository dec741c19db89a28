/**
 * `atlas.sum`, computed the way Atlas computes it for a golang-migrate directory
 * (ariga.io/atlas sql/migrate `NewHashFile`, `HashFile.Sum`, `MarshalText`; the
 * golang-migrate dir in sql/sqltool hashes only `*.up.sql`, in file-name order):
 *
 * - one running sha256 over every file: its name, then its bytes; after each file
 *   the running digest (base64) is that file's hash, so each line also vouches for
 *   every file before it;
 * - a file whose first line carries `atlas:sum ignore` feeds only its name and
 *   gets no line;
 * - the first line `h1:<sum>` is sha256 over each listed name followed by its hash.
 *
 * Atlas before v0.36 hashed every `*.sql` file of a golang-migrate directory,
 * down files included ('legacy' here). strata writes the current flavour, keeps
 * the legacy one when the existing atlas.sum uses it, and accepts either.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../core/diagnostic.js';

export const ATLAS_SUM_FILE = 'atlas.sum';

export interface AtlasSumEntry {
  name: string;
  hash: string;
}

export interface AtlasSum {
  sum: string;
  files: AtlasSumEntry[];
}

// Same pattern as Atlas's reDirective, anchored at the start of the content, so
// only the first line can carry it.
const DIRECTIVE_RE = /^([ -~]*)atlas:(\w+)(?: +([ -~]*))*/;

function ignoredBySum(content: Buffer): boolean {
  const m = DIRECTIVE_RE.exec(content.toString('latin1'));
  return m !== null && m[2] === 'sum' && m[3] === 'ignore';
}

/** Hash lines for the given files (name + raw bytes), in the order given. */
export function hashFiles(files: { name: string; bytes: Buffer }[]): AtlasSumEntry[] {
  const h = createHash('sha256');
  const out: AtlasSumEntry[] = [];
  for (const f of files) {
    h.update(Buffer.from(f.name, 'utf8'));
    if (ignoredBySum(f.bytes)) continue;
    h.update(f.bytes);
    out.push({ name: f.name, hash: h.copy().digest('base64') });
  }
  return out;
}

export function totalSum(entries: AtlasSumEntry[]): string {
  const h = createHash('sha256');
  for (const e of entries) {
    h.update(Buffer.from(e.name, 'utf8'));
    h.update(Buffer.from(e.hash, 'utf8'));
  }
  return h.digest('base64');
}

export function formatAtlasSum(entries: AtlasSumEntry[]): string {
  return `h1:${totalSum(entries)}\n` + entries.map((e) => `${e.name} h1:${e.hash}\n`).join('');
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export type AtlasSumFlavour = 'current' | 'legacy';

/** The files Atlas hashes (`*.up.sql`, or every `*.sql` for legacy), with their bytes, in Atlas's order. */
async function sumFiles(dir: string, flavour: AtlasSumFlavour): Promise<{ name: string; bytes: Buffer }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const suffix = flavour === 'current' ? '.up.sql' : '.sql';
  const ups = names.filter((n) => n.endsWith(suffix)).sort(byteOrder);
  const files: { name: string; bytes: Buffer }[] = [];
  for (const name of ups) {
    const p = path.join(dir, name);
    if (!(await stat(p)).isFile()) continue;
    files.push({ name, bytes: await readFile(p) });
  }
  return files;
}

/** The sum Atlas would write for `dir` (golang-migrate format). */
export async function computeAtlasSum(dir: string, flavour: AtlasSumFlavour = 'current'): Promise<AtlasSum> {
  const files = hashFiles(await sumFiles(dir, flavour));
  return { sum: totalSum(files), files };
}

/** The flavour of an atlas.sum text: legacy when it lists down files. */
export function sumFlavour(text: string): AtlasSumFlavour {
  return /\.down\.sql h1:/.test(text) ? 'legacy' : 'current';
}

/**
 * (Re)write `<dir>/atlas.sum` from the directory's current files, in the
 * flavour of the existing atlas.sum (current when there is none), unless one
 * is given.
 */
export async function writeAtlasSum(dir: string, flavour?: AtlasSumFlavour): Promise<void> {
  const existing = await readFile(path.join(dir, ATLAS_SUM_FILE), 'utf8').catch(() => '');
  const { files } = await computeAtlasSum(dir, flavour ?? sumFlavour(existing));
  await writeFile(path.join(dir, ATLAS_SUM_FILE), formatAtlasSum(files));
}

/** Parse an atlas.sum text; throws when it is malformed or its own total does not add up. */
export function parseAtlasSum(text: string): AtlasSum {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const sum = (lines.shift() ?? '').replace(/^h1:/, '');
  const files: AtlasSumEntry[] = [];
  for (const line of lines) {
    const i = line.indexOf('h1:');
    if (i < 0) throw sumError('atlas.sum has a line without a hash: ' + JSON.stringify(line));
    files.push({ name: line.slice(0, i).trim(), hash: line.slice(i + 3) });
  }
  if (totalSum(files) !== sum) throw sumError('atlas.sum does not add up (edited by hand or merged badly)');
  return { sum, files };
}

function sumError(message: string, files: string[] = []): StrataError {
  return new StrataError({
    code: 'migrations.sum',
    severity: 'error',
    subject: ATLAS_SUM_FILE,
    message,
    detail: files.length ? files.map((f) => `  ${f}`).join('\n') : undefined,
    hint: 'if the migration files are the intended ones, run `strata migrate hash` to rewrite atlas.sum',
  });
}

/**
 * Check `<dir>/atlas.sum` against the files, as `atlas migrate validate` does.
 * A directory with no migrations needs no sum file.
 */
export async function checkAtlasSum(dir: string): Promise<void> {
  let actual = await computeAtlasSum(dir);
  let text: string;
  try {
    text = await readFile(path.join(dir, ATLAS_SUM_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (actual.files.length === 0) return;
    throw sumError(`${ATLAS_SUM_FILE} is missing from ${dir}`);
  }
  const recorded = parseAtlasSum(text);
  if (sumFlavour(text) === 'legacy') actual = await computeAtlasSum(dir, 'legacy');
  if (recorded.sum === actual.sum) return;
  const want = new Map(recorded.files.map((f) => [f.name, f.hash]));
  const have = new Map(actual.files.map((f) => [f.name, f.hash]));
  const changed: string[] = [];
  for (const name of want.keys()) if (!have.has(name)) changed.push(`${name}: removed`);
  for (const name of have.keys()) if (!want.has(name)) changed.push(`${name}: added`);
  // Hashes chain, so only the first edited file is named; the ones after it differ because of it.
  const edited = actual.files.find((f) => want.has(f.name) && want.get(f.name) !== f.hash);
  if (edited && changed.length === 0) changed.push(`${edited.name}: changed`);
  throw sumError(`${ATLAS_SUM_FILE} does not match the migration files`, changed);
}
