/**
 * Statement splitting and role discovery with the real PostgreSQL parser
 * (libpg-query), so a case's SQL runs statement by statement the way psql would.
 */
import { loadModule, parseSync } from 'libpg-query';

let loaded: Promise<void> | undefined;

export function parserReady(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

export type Split = { ok: true; statements: string[] } | { ok: false; error: string };

/**
 * Split SQL text into statements. Offsets from the parser count UTF-8 bytes, so
 * slicing happens on the encoded buffer. Empty text gives no statements.
 */
export function splitStatements(text: string): Split {
  if (!text.trim() || isOnlyComments(text)) return { ok: true, statements: [] };
  let stmts: { stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = parseSync(text).stmts ?? [];
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const buf = Buffer.from(text, 'utf8');
  const out: string[] = [];
  for (const s of stmts) {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : buf.length;
    const piece = buf.subarray(start, end).toString('utf8').trim();
    if (piece) out.push(piece);
  }
  return { ok: true, statements: out };
}

function isOnlyComments(text: string): boolean {
  return text
    .split(/\r?\n/)
    .every((l) => l.trim() === '' || l.trim().startsWith('--'));
}

/**
 * Role names the SQL mentions by name (GRANT ... TO, OWNER TO, policies'
 * TO, ALTER DEFAULT PRIVILEGES FOR ROLE): the roles a database built from it needs.
 */
export function referencedRoles(text: string): string[] {
  if (!text.trim() || isOnlyComments(text)) return [];
  let tree: unknown;
  try {
    tree = parseSync(text);
  } catch {
    return [];
  }
  const names = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
    } else if (n && typeof n === 'object') {
      // A RoleSpec is wrapped as `{RoleSpec: {...}}` in node lists but inlined in
      // typed fields such as `newowner`, so match on its shape.
      const r = n as { roletype?: unknown; rolename?: unknown };
      if (r.roletype === 'ROLESPEC_CSTRING' && typeof r.rolename === 'string') names.add(r.rolename);
      for (const v of Object.values(n)) walk(v);
    }
  };
  walk(tree);
  return [...names].sort();
}
