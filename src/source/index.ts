/**
 * Desired-state files → located statements. Every file is parsed with the real
 * PostgreSQL parser (libpg-query) before anything runs, so a syntax error is
 * reported as file:line:column with the statement and a caret.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import * as pgQuery from 'libpg-query';
import { StrataError } from '../core/diagnostic.js';
import { errorSite, lineColumn } from '../core/location.js';

export { lineColumn } from '../core/location.js';

export interface SourceStatement {
  /** Statement text as written (without the trailing semicolon). */
  sql: string;
  /** File path as given to the loader (relative to the project when possible). */
  file: string;
  /** 1-based line and column of the statement's first character. */
  line: number;
  column: number;
  /** Parse-tree node type, e.g. `CreateStmt`, `CreateRoleStmt`. */
  nodeType: string;
}

export interface SourceFile {
  path: string;
  text: string;
}

let loaded: Promise<void> | undefined;
function ready(): Promise<void> {
  loaded ??= pgQuery.loadModule();
  return loaded;
}

/** Every `*.sql` under `dir`, recursively, in path order (byte order of the relative path). */
export async function listSqlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && e.name.endsWith('.sql')) out.push(p);
    }
  }
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new StrataError({ code: 'source.missing', severity: 'error', subject: dir, message: `not a directory: ${dir}` });
  }
  await walk(dir);
  const key = (p: string) => relative(dir, p).split(sep).join('/');
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Read files; a path under `displayBase` is shown relative to it in diagnostics. */
export async function readSources(paths: string[], displayBase?: string): Promise<SourceFile[]> {
  const shown = (p: string) => {
    if (!displayBase) return p;
    const r = relative(displayBase, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
  };
  return Promise.all(paths.map(async (p) => ({ path: shown(p), text: await readFile(p, 'utf8') })));
}

/** lineColumn for increasing offsets in one text, in linear total time. */
function lineColumnCursor(text: string): (charOffset: number) => { line: number; column: number } {
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    if (offset < pos) return lineColumn(text, offset);
    for (; pos < offset && pos < text.length; pos++) {
      if (text.charCodeAt(pos) === 10) {
        line++;
        lineStart = pos + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/** Split one file into located statements; a syntax error throws with file:line:column. */
export async function splitStatements(file: SourceFile): Promise<SourceStatement[]> {
  await ready();
  const { text, path } = file;
  // The parser rejects an empty query; a file of only comments holds no statements.
  if (leadingTrivia(text) >= text.length) return [];
  let result: ReturnType<typeof pgQuery.parseSync>;
  try {
    result = pgQuery.parseSync(text);
  } catch (e) {
    throw syntaxError(file, e);
  }
  const bytes = Buffer.from(text, 'utf8');
  const charAt = byteToChar(bytes);
  const locate = lineColumnCursor(text);
  const out: SourceStatement[] = [];
  for (const s of result.stmts ?? []) {
    const startByte = s.stmt_location ?? 0;
    const endByte = s.stmt_len ? startByte + s.stmt_len : bytes.length;
    let start = charAt(startByte);
    const end = charAt(endByte);
    // stmt_location points after the previous semicolon: skip blank lines and comments before the statement.
    const raw = text.slice(start, end);
    const lead = leadingTrivia(raw);
    start += lead;
    const sql = text.slice(start, end).trimEnd();
    if (!sql) continue;
    const { line, column } = locate(start);
    out.push({ sql, file: path, line, column, nodeType: Object.keys(s.stmt ?? {})[0] ?? 'Unknown' });
  }
  return out;
}

/** Parse every file (all of them, before anything runs) into one statement list in file order. */
export async function loadStatements(files: SourceFile[]): Promise<SourceStatement[]> {
  const all: SourceStatement[] = [];
  for (const f of files) all.push(...(await splitStatements(f)));
  return all;
}

function leadingTrivia(s: string): number {
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s.startsWith('--', i)) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (s.startsWith('/*', i)) {
      let depth = 0;
      let j = i;
      while (j < s.length) {
        if (s.startsWith('/*', j)) (depth++, (j += 2));
        else if (s.startsWith('*/', j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      i = j;
    } else return i;
  }
}

/**
 * Byte offset → character (UTF-16 unit) offset. libpg-query reports byte offsets;
 * calls come in increasing order, so each one decodes only the bytes since the last.
 */
function byteToChar(bytes: Buffer): (byteOffset: number) => number {
  let lastByte = 0;
  let lastChar = 0;
  return (b) => {
    const target = Math.min(b, bytes.length);
    if (target < lastByte) {
      lastByte = 0;
      lastChar = 0;
    }
    lastChar += bytes.subarray(lastByte, target).toString('utf8').length;
    lastByte = target;
    return lastChar;
  };
}

function syntaxError(file: SourceFile, e: unknown): StrataError {
  const details = (e as { sqlDetails?: { cursorPosition?: number; message?: string } }).sqlDetails;
  const message = details?.message ?? (e instanceof Error ? e.message : String(e));
  const at = Math.max(0, Math.min(details?.cursorPosition ?? 0, file.text.length));
  const { start, end } = statementAround(file.text, at);
  const { location, excerpt } = errorSite({ text: file.text.slice(start, end), file: file.path, ...lineColumn(file.text, start) }, at - start);
  return new StrataError({ code: 'source.syntax', severity: 'error', subject: file.path, message, location, detail: excerpt });
}

/** Character range of the statement holding `at`, using the scanner's semicolons (quotes and comments respected). */
function statementAround(text: string, at: number): { start: number; end: number } {
  const bytes = Buffer.from(text, 'utf8');
  const charAt = byteToChar(bytes);
  let start = 0;
  let end = text.length;
  try {
    const { tokens } = pgQuery.scanSync(text);
    for (const t of tokens) {
      if (t.text !== ';') continue;
      const c = charAt(t.start);
      if (c < at) start = c + 1;
      else {
        end = c;
        break;
      }
    }
  } catch {
    // An unscannable file (unterminated quote) still gets a caret, on the whole text.
  }
  return { start: start + leadingTrivia(text.slice(start, end)), end };
}
