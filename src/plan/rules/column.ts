import type { ColumnObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';
import { columnSettings } from './table-options.js';
import { changedOptions, needsRestart, RESTART_NOTE, sequenceOptionClauses } from './sequence.js';

const IDENTITY_OPTION_KEYS = ['increment', 'min', 'max', 'start', 'cache', 'cycle'] as const;

function identityClause(c: ColumnObject): string {
  const i = c.identity!;
  return `GENERATED ${i.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY (${sequenceOptionClauses(i).join(' ')})`;
}

/** `name type [COLLATE] [GENERATED ...] [DEFAULT] [NOT NULL]`, as in CREATE TABLE and ADD COLUMN. */
export function columnDefinition(c: ColumnObject): string {
  let s = `${c.qname} ${c.type}`;
  if (c.collation) s += ` COLLATE ${c.collation}`;
  if (c.generated) s += ` GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  if (c.identity) s += ` ${identityClause(c)}`;
  if (c.default !== null) s += ` DEFAULT ${c.default}`;
  if (c.notNull) s += ' NOT NULL';
  return s;
}

const baseType = (t: string) => t.replace(/\(.*\)/, '').replace(/\[\]$/, '');

const WIDER: Record<string, string[]> = {
  smallint: ['integer', 'bigint', 'numeric'],
  integer: ['bigint', 'numeric'],
  bigint: ['numeric'],
  'character varying': ['text'],
  character: ['character varying', 'text'],
  real: ['double precision'],
};

/** True when every value of type `a` fits type `b` unchanged (no truncation, no failed cast). */
function isWidening(a: string, b: string): boolean {
  if (a.endsWith('[]') !== b.endsWith('[]')) return false;
  const ba = baseType(a);
  const bb = baseType(b);
  if (ba !== bb) return (WIDER[ba] ?? []).includes(bb) && !/\(/.test(b);
  const ma = /\(([\d,]+)\)/.exec(a)?.[1]?.split(',').map(Number);
  const mb = /\(([\d,]+)\)/.exec(b)?.[1]?.split(',').map(Number);
  if (!mb) return true;
  if (!ma) return false;
  // numeric(p,s): both precision and scale must not shrink, and integer digits (p - s) must not either.
  return mb.every((v, i) => v >= (ma[i] ?? 0)) && (mb[0]! - (mb[1] ?? 0)) >= (ma[0]! - (ma[1] ?? 0));
}

export const columnRules: KindRules<ColumnObject> = {
  kind: 'column',
  order: 5,
  create: (c, ctx) => [
    {
      sql: `ALTER TABLE ${c.table} ADD COLUMN ${columnDefinition(c)}`,
      // A volatile default or a stored generated column rewrites the table; constants do not (PG 11+).
      hazards: c.generated?.stored || c.identity ? ['table-rewrite', 'blocking-lock'] : ['blocking-lock'],
      note: ctx.direction === 'down' ? `down restores column ${c.qname} without its data` : undefined,
    },
    ...columnSettings(c),
    ...createComment(`COLUMN ${c.table}.${c.qname}`, c.comment),
  ],
  drop: (c) => [{ sql: `ALTER TABLE ${c.table} DROP COLUMN ${c.qname}`, hazards: ['data-loss', 'blocking-lock'] }],
  // Only a default can let go of what it calls; a generated expression or the type cannot.
  rebind(a, b) {
    if (a.default === null || a.generated || b.generated) return null;
    const t = `ALTER TABLE ${b.table} ALTER COLUMN ${b.qname}`;
    return { release: [{ sql: `${t} DROP DEFAULT` }], restore: b.default === null ? [] : [{ sql: `${t} SET DEFAULT ${b.default}` }] };
  },
  alter(a, b, ctx) {
    const t = `ALTER TABLE ${b.table} ALTER COLUMN ${b.qname}`;
    // A column cannot become generated in place.
    if (b.generated && !a.generated) return null;
    if (a.generated && b.generated && a.generated.stored !== b.generated.stored) return null;
    const typeChanged = a.type !== b.type || a.collation !== b.collation;
    if (a.generated && b.generated && typeChanged) return null;
    const out: Statement[] = [];
    const defaultChanged = a.default !== b.default;
    // SET DEFAULT replaces a default in place; it is dropped first only when it goes, or when the type changes under it.
    if (a.default !== null && ((defaultChanged && b.default === null) || typeChanged)) out.push({ sql: `${t} DROP DEFAULT`, stage: 'release' });
    if (a.identity && !b.identity) out.push({ sql: `${t} DROP IDENTITY`, stage: 'release' });
    if (a.generated && !b.generated) {
      if (!a.generated.stored) return null;
      out.push({ sql: `${t} DROP EXPRESSION` });
    }
    if (a.generated && b.generated && a.generated.expression !== b.generated.expression) {
      if (ctx.serverVersion && ctx.serverVersion < 170000) return null;
      out.push({ sql: `${t} SET EXPRESSION AS (${b.generated.expression})`, hazards: ['table-rewrite', 'blocking-lock'] });
    }
    let identityAlter: Statement | undefined;
    if (a.identity && b.identity) {
      const parts: string[] = [];
      if (a.identity.generation !== b.identity.generation) parts.push(`SET GENERATED ${b.identity.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`);
      const changed = changedOptions(a.identity, b.identity, IDENTITY_OPTION_KEYS);
      for (const clause of sequenceOptionClauses(b.identity, changed)) parts.push(`SET ${clause}`);
      const restart = changed.size > 0 && needsRestart(a.identity, b.identity);
      if (restart) parts.push('RESTART');
      if (parts.length) identityAlter = { sql: `${t} ${parts.join(' ')}`, note: restart ? RESTART_NOTE : undefined };
    }
    // The identity sequence follows the column's type: its new bounds must fit the type that holds them when
    // they are set, so a narrowing sets them first and a widening after (MAXVALUE beyond integer needs bigint).
    const boundsFirst = typeChanged && !isWidening(a.type, b.type);
    if (identityAlter && boundsFirst) out.push(identityAlter);
    if (typeChanged) {
      // Through text when a user-defined type is involved (enum to enum has no direct cast).
      const viaText = a.type.includes('.') || b.type.includes('.') ? '::text' : '';
      const hinted = ctx.using?.get(b.id);
      const using = hinted ? ` USING ${hinted}` : baseType(a.type) !== baseType(b.type) ? ` USING ${b.qname}${viaText}::${b.type}` : '';
      const widening = isWidening(a.type, b.type);
      // Written now, a down that narrows what its up widened runs later, over rows the wider type let in.
      const narrowing = !widening && !hinted && a.type !== b.type;
      out.push({
        sql: `${t} TYPE ${b.type}${b.collation ? ` COLLATE ${b.collation}` : a.collation ? ' COLLATE pg_catalog."default"' : ''}${using}`,
        hazards: widening ? ['table-rewrite', 'blocking-lock'] : ['table-rewrite', 'blocking-lock', 'data-loss', ...(narrowing ? (['narrowing'] as const) : [])],
        invalidatesDependents: true,
        note:
          narrowing && ctx.direction === 'down' && isWidening(b.type, a.type)
            ? `down narrows ${b.qname} from ${a.type} back to ${b.type}: it fails (or truncates, rounds) on values rows gained after up; \`-- @using-down <expression>\` on the column gives the conversion`
            : undefined,
      });
    }
    if (identityAlter && !boundsFirst) out.push(identityAlter);
    if (b.notNull && !a.notNull) out.push({ sql: `${t} SET NOT NULL`, hazards: ['validation-scan', 'blocking-lock'] });
    if (b.identity && !a.identity) out.push({ sql: `${t} ADD ${identityClause(b)}`, stage: 'late' });
    if (b.default !== null && (defaultChanged || typeChanged)) out.push({ sql: `${t} SET DEFAULT ${b.default}` });
    if (a.notNull && !b.notNull) out.push({ sql: `${t} DROP NOT NULL` });
    // A new type brings its own default storage.
    out.push(...columnSettings(b, typeChanged ? { ...a, storage: undefined } : a));
    if (a.comment !== b.comment) out.push({ sql: commentOn(`COLUMN ${b.table}.${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};
