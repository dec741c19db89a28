/**
 * Stable object ids: `kind:part.part...`. Parts are written the way PostgreSQL
 * writes identifiers (bare when lower-case and plain, otherwise double-quoted), so
 * ids are readable, unambiguous and sort the same on every run.
 */
const PLAIN = /^[a-z_][a-z0-9_$]*$/;

export function idPart(name: string): string {
  return PLAIN.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
}

export function makeId(kind: string, ...parts: string[]): string {
  return `${kind}:${parts.map(idPart).join('.')}`;
}

/** The kind prefix of an id (`table:public.t` → `table`). */
export function idKind(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}
