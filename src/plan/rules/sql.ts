/** Small SQL text helpers shared by the rules. */
export function literal(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

export function commentOn(target: string, comment: string | null): string {
  return `COMMENT ON ${target} IS ${comment === null ? 'NULL' : literal(comment)}`;
}

/** COMMENT statement for a created object, when it has a comment. */
export function createComment(target: string, comment: string | null): { sql: string; lock: 'none' }[] {
  return comment === null ? [] : [{ sql: commentOn(target, comment), lock: 'none' }];
}

/** An identifier as PostgreSQL prints it: bare when lower-case and plain, otherwise double-quoted. */
export function quoteIdent(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? s : '"' + s.replace(/"/g, '""') + '"';
}
