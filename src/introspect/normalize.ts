/**
 * Canonical forms for deparsed expressions whose text is not a fixed point of
 * parse → deparse. PostgreSQL prints `x IN ('a', 'b')` on a varchar column as
 * `(ARRAY['a'::character varying, ...])::text[]`; parsing that text back casts
 * each element instead, giving `ARRAY[('a'::character varying)::text, ...]`.
 * Both mean the same, so the first is rewritten to the second (which is stable)
 * and a state built from source and one built from strata's own output compare equal.
 */
const TYPE = String.raw`[a-z_][a-z0-9_ ."]*(?:\(\d+(?:,\d+)?\))?`;
const LIT = String.raw`'(?:[^']|'')*'::${TYPE}`;
const ARRAY_CAST = new RegExp(String.raw`\(ARRAY\[((?:${LIT})(?:, ${LIT})*)\]\)::(${TYPE})\[\]`, 'g');
const ITEM = new RegExp(LIT, 'g');

export function normalizeExpression(text: string): string;
export function normalizeExpression(text: string | null): string | null;
export function normalizeExpression(text: string | null): string | null {
  if (text === null || !text.includes('ARRAY[')) return text;
  return text.replace(ARRAY_CAST, (_m, items: string, type: string) => {
    const parts = items.match(ITEM) ?? [];
    return `ARRAY[${parts.map((p) => `(${p})::${type}`).join(', ')}]`;
  });
}
