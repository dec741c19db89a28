import type { SequenceObject, SequenceOptions, SequenceOwnerObject } from '../../core/model/index.js';
import type { KindRules, Statement } from '../types.js';
import { commentOn, createComment } from './sql.js';

/** Option clauses in the order CREATE/ALTER SEQUENCE accept them. */
export function sequenceOptionClauses(o: Omit<SequenceOptions, 'dataType'> & { dataType?: string }, only?: Set<string>): string[] {
  const want = (k: string) => !only || only.has(k);
  const out: string[] = [];
  if (o.dataType !== undefined && want('dataType')) out.push(`AS ${o.dataType}`);
  if (want('increment')) out.push(`INCREMENT BY ${o.increment}`);
  if (want('min')) out.push(`MINVALUE ${o.min}`);
  if (want('max')) out.push(`MAXVALUE ${o.max}`);
  if (want('start')) out.push(`START WITH ${o.start}`);
  if (want('cache')) out.push(`CACHE ${o.cache}`);
  if (want('cycle')) out.push(o.cycle ? 'CYCLE' : 'NO CYCLE');
  return out;
}

const OPTION_KEYS = ['dataType', 'increment', 'min', 'max', 'start', 'cache', 'cycle'] as const;

/**
 * New bounds that exclude the old START would leave a sequence that was never
 * used out of range (PostgreSQL refuses the ALTER): such an ALTER also RESTARTs
 * at the new START. A sequence already in use elsewhere in range is then reset.
 */
export function needsRestart(a: { min: string; max: string; start: string }, b: { min: string; max: string }): boolean {
  const s = BigInt(a.start);
  return BigInt(b.min) > s || BigInt(b.max) < s;
}
export const RESTART_NOTE = 'the new bounds exclude the old START: the sequence restarts at its new START';

export function changedOptions<T extends object>(a: T, b: T, keys: readonly string[]): Set<string> {
  const s = new Set<string>();
  for (const k of keys) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) s.add(k);
  return s;
}

export const sequenceRules: KindRules<SequenceObject> = {
  kind: 'sequence',
  order: 3,
  create: (o) => [
    { sql: `CREATE ${o.unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${o.qname} ${sequenceOptionClauses(o).join(' ')}`, lock: 'none' },
    ...createComment(`SEQUENCE ${o.qname}`, o.comment),
  ],
  drop: (o) => [{ sql: `DROP SEQUENCE ${o.qname}`, lock: 'none' }],
  alter(a, b) {
    const out: Statement[] = [];
    const changed = changedOptions(a, b, OPTION_KEYS);
    // A new data type moves the default bounds, so the bounds are always restated with it.
    if (changed.has('dataType')) (changed.add('min'), changed.add('max'));
    if (changed.size) {
      const restart = needsRestart(a, b);
      out.push({
        sql: `ALTER SEQUENCE ${b.qname} ${sequenceOptionClauses(b, changed).join(' ')}${restart ? ' RESTART' : ''}`,
        lock: 'none',
        note: restart ? RESTART_NOTE : undefined,
      });
    }
    if (a.unlogged !== b.unlogged) out.push({ sql: `ALTER SEQUENCE ${b.qname} SET ${b.unlogged ? 'UNLOGGED' : 'LOGGED'}`, lock: 'none' });
    if (a.comment !== b.comment) out.push({ sql: commentOn(`SEQUENCE ${b.qname}`, b.comment), lock: 'none' });
    return out;
  },
};

export const sequenceOwnerRules: KindRules<SequenceOwnerObject> = {
  kind: 'sequence_owner',
  order: 9,
  create: (o) => [{ sql: `ALTER SEQUENCE ${o.sequence} OWNED BY ${o.table}.${o.column}`, lock: 'none' }],
  drop: (o) => [{ sql: `ALTER SEQUENCE ${o.sequence} OWNED BY NONE`, lock: 'none' }],
  alter: (_a, b) => [{ sql: `ALTER SEQUENCE ${b.sequence} OWNED BY ${b.table}.${b.column}`, lock: 'none' }],
  // Unlink before the owning column goes, or dropping the table would take the sequence with it.
  droppedWithParent: false,
};
