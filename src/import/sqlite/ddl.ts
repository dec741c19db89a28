/**
 * The bits of SQLite DDL that its PRAGMAs do not expose: CHECK constraints
 * (table and column level), AUTOINCREMENT, and the SELECT of a view. A small
 * tokenizer for SQLite's lexical rules (strings, quoted identifiers, comments,
 * parentheses), since PostgreSQL's parser does not read SQLite's dialect.
 */
export interface Token {
  kind: 'word' | 'string' | 'ident' | 'punct' | 'other';
  text: string;
  start: number;
  end: number;
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? sql.length : e + 2;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      i++;
      while (i < sql.length) {
        if (sql[i] === close) {
          if (close !== ']' && sql[i + 1] === close) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      out.push({ kind: c === "'" ? 'string' : 'ident', text: sql.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      out.push({ kind: 'word', text: sql.slice(start, i), start, end: i });
      continue;
    }
    if ('(),;'.includes(c)) {
      out.push({ kind: 'punct', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    i++;
    out.push({ kind: 'other', text: c, start, end: i });
  }
  return out;
}

/** Identifier text without SQLite's quotes. */
export function unquote(t: Token): string {
  if (t.kind !== 'ident') return t.text;
  const q = t.text[0]!;
  const body = t.text.slice(1, -1);
  return q === '[' ? body : body.replaceAll(q + q, q);
}

const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toUpperCase() === w;

/** Index of the token closing the parenthesis opened at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(' && tokens[i]!.kind === 'punct') depth++;
    else if (tokens[i]!.text === ')' && tokens[i]!.kind === 'punct' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

export interface TableDdl {
  /** CHECK expressions with the column they were declared on (undefined: table level). */
  checks: { column?: string; name?: string; expression: string }[];
  autoincrement: boolean;
}

/** CHECKs and AUTOINCREMENT of a `CREATE TABLE` statement. */
export function parseCreateTable(sql: string): TableDdl {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(');
  const result: TableDdl = { checks: [], autoincrement: tokens.some((t) => isWord(t, 'AUTOINCREMENT')) };
  if (open < 0) return result;
  const end = closing(tokens, open);
  // Split the body into column and table-constraint definitions at depth-1 commas.
  const defs: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let i = open + 1; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') {
      defs.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) defs.push(cur);
  const tableLevel = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);
  for (const def of defs) {
    const first = def[0];
    if (!first) continue;
    const column = first.kind === 'word' && tableLevel.has(first.text.toUpperCase()) ? undefined : unquote(first);
    for (let i = 0; i < def.length; i++) {
      if (!isWord(def[i], 'CHECK') || def[i + 1]?.text !== '(') continue;
      const close = closing(def, i + 1);
      const name = isWord(def[i - 2], 'CONSTRAINT') ? unquote(def[i - 1]!) : undefined;
      result.checks.push({ column, name, expression: sql.slice(def[i + 1]!.end, def[close]!.start).trim() });
      i = close;
    }
  }
  return result;
}

/** The SELECT of a `CREATE VIEW name [(cols)] AS select`. */
export function viewSelect(sql: string): string | undefined {
  const tokens = tokenize(sql);
  const as = tokens.findIndex((t) => isWord(t, 'AS'));
  return as < 0 ? undefined : sql.slice(tokens[as]!.end).trim().replace(/;\s*$/, '');
}
