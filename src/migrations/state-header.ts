/**
 * The state header of a generated migration: the fingerprints of the state the
 * file was planned against and of the state it produces, as leading comments.
 * `strata migrate up` compares the target's fingerprint with `from` before it
 * runs the file, so a database changed by hand since is refused instead of
 * migrated blindly. Files without the header (hand-written, Atlas) run as before.
 */
export const FROM_STATE = '-- strata:from-state sha256:';
export const TO_STATE = '-- strata:to-state sha256:';

export interface StateHeader {
  from: string;
  to: string;
}

export function formatStateHeader(h: StateHeader): string {
  return `${FROM_STATE}${h.from}\n${TO_STATE}${h.to}\n`;
}

/** The header in the file's leading comment block, or undefined when it has none (or only half of one). */
export function readStateHeader(content: string): StateHeader | undefined {
  let from: string | undefined;
  let to: string | undefined;
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break;
    if (line.startsWith(FROM_STATE)) from = hex(line.slice(FROM_STATE.length));
    else if (line.startsWith(TO_STATE)) to = hex(line.slice(TO_STATE.length));
  }
  return from && to ? { from, to } : undefined;
}

function hex(s: string): string | undefined {
  const v = s.trim().toLowerCase();
  return v.length === 64 && [...v].every((c) => '0123456789abcdef'.includes(c)) ? v : undefined;
}
