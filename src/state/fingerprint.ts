/**
 * A state's fingerprint: sha256 of the normalised Snapshot (objects by id, keys
 * sorted, layout and provenance fields left out, owners left out because the
 * role that builds a scratch database is rarely the one that owns production),
 * extension members left out so the fingerprints written before they were modelled
 * stay valid (a membership change still shows in verify and drift).
 * Two databases with the same fingerprint hold the same schema as far as diff
 * can tell; a migration records the fingerprints it was planned between.
 */
import { createHash } from 'node:crypto';
import { NON_SCHEMA_FIELDS, type Snapshot } from '../core/model/index.js';

export function fingerprint(s: Snapshot): string {
  const objects = s.objects.filter((o) => o.kind !== 'owner' && o.kind !== 'extension_member').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const text = objects.map((o) => canonical(o, NON_SCHEMA_FIELDS)).join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys; `skip` applies to the top level only, as in the differ's comparison. */
function canonical(v: unknown, skip: ReadonlySet<string> = new Set()): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x)).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([k, x]) => x !== undefined && !skip.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}
