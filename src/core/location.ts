/**
 * The one error-location mapper: a character position inside a statement that
 * sits at a known place in a file → `file:line:column` and the statement's lines
 * with a caret under that position. Parse errors (source), apply errors on a
 * scratch database (shadow) and migration errors (runner) all go through it, so
 * every stage points at a file the same way.
 */
import type { Location } from './diagnostic.js';

/** A statement's text and where its first character is in its file (1-based). */
export interface LocatedText {
  text: string;
  file: string;
  line: number;
  column: number;
}

export interface ErrorSite {
  location: Location;
  /** Numbered file lines of the statement around the position, a caret line under it. */
  excerpt: string;
}

/** 1-based line/column of a character offset. */
export function lineColumn(text: string, charOffset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < charOffset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: charOffset - lineStart + 1 };
}

/**
 * Where character `at` (0-based, into `stmt.text`) is in the file, and an excerpt: the statement's
 * lines (at most 3 before and 2 after the caret's line), numbered as in the file, its first line
 * indented to its file column so the caret lines up with what an editor shows.
 */
export function errorSite(stmt: LocatedText, at: number): ErrorSite {
  const text = stmt.text;
  const pos = Math.max(0, Math.min(Number.isFinite(at) ? at : 0, text.length));
  const inner = lineColumn(text, pos);
  const line = stmt.line + inner.line - 1;
  const column = inner.line === 1 ? stmt.column + inner.column - 1 : inner.column;

  const lines = text.split('\n');
  lines[0] = ' '.repeat(Math.max(0, stmt.column - 1)) + lines[0];
  const lastInner = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const first = Math.max(1, inner.line - 3);
  const last = Math.max(inner.line, Math.min(lastInner, inner.line + 2));
  const width = String(stmt.line + last - 1).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    out.push(`${String(stmt.line + n - 1).padStart(width)} | ${lines[n - 1] ?? ''}`.trimEnd());
    if (n === inner.line) out.push(`${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return { location: { file: stmt.file, line, column }, excerpt: out.join('\n') };
}

/** The 0-based character offset of a PostgreSQL error's `position` field (1-based text), or 0. */
export function errorPosition(e: unknown): number {
  const p = Number((e as { position?: unknown } | null)?.position);
  return Number.isInteger(p) && p > 0 ? p - 1 : 0;
}
