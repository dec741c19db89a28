/** The object id codec (pure): every id the fixtures hold, and the awkward names, survive format → parse → format. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatId, idKind, makeId, parseId, splitQualifiedName, type ObjectId } from '../../src/core/ids.js';
import type { Snapshot } from '../../src/core/model/index.js';
import { StrataError } from '../../src/core/diagnostic.js';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'engine');
const snapshots: Snapshot[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Snapshot);

describe('object ids: the fixtures', () => {
  const ids = new Set<string>();
  for (const s of snapshots) for (const o of s.objects) for (const id of [o.id, ...(o.parent ? [o.parent] : []), ...o.dependsOn]) ids.add(id);
  const kinds = [...new Set([...ids].map(idKind))].sort();

  it('cover several kinds, owners and privileges among them', () => {
    expect(kinds).toEqual(expect.arrayContaining(['column', 'constraint', 'owner', 'privilege', 'schema', 'table']));
  });

  it.each(kinds)('every %s id round-trips', (kind) => {
    for (const id of [...ids].filter((i) => idKind(i) === kind)) {
      const parsed = parseId(id);
      expect(parsed.kind).toBe(kind);
      expect(formatId(parsed)).toBe(id);
    }
  });

  it('reads typed parts', () => {
    expect(parseId('constraint:public.orders.orders_pkey')).toEqual({ kind: 'constraint', parts: ['public', 'orders', 'orders_pkey'] });
    expect(parseId('owner:table:public.orders')).toEqual({ kind: 'owner', target: { kind: 'table', parts: ['public', 'orders'] } });
    expect(parseId('privilege:enum:public.order_status:PUBLIC')).toEqual({
      kind: 'privilege',
      target: { kind: 'enum', parts: ['public', 'order_status'] },
      column: null,
      grantee: 'PUBLIC',
    });
  });
});

describe('object ids: every kind and awkward names', () => {
  const awkward = ['My Table', 'a.b', 'say "hi"', 'x:y', 'Upper', '(paren)', '*', 'ünï', 'a""b', '1st'];
  const cases: ObjectId[] = [
    { kind: 'schema', parts: ['public'] },
    { kind: 'extension', parts: ['pgcrypto'] },
    { kind: 'enum', parts: ['public', 'status'] },
    { kind: 'collation', parts: ['public', 'de_ci'] },
    { kind: 'sequence', parts: ['public', 't_id_seq'] },
    { kind: 'sequence_owner', parts: ['public', 't_id_seq'] },
    { kind: 'table', parts: ['public', 't'] },
    { kind: 'column', parts: ['public', 't', 'c'] },
    { kind: 'constraint', parts: ['public', 't', 't_pkey'] },
    { kind: 'index', parts: ['public', 't_idx'] },
    { kind: 'view', parts: ['public', 'v'] },
    { kind: 'materialized_view', parts: ['public', 'mv'] },
    { kind: 'function', parts: ['public', 'f'], args: 'integer, text' },
    { kind: 'function', parts: ['public', 'g'], args: '' },
    { kind: 'function', parts: ['public', 'h'], args: 'public."odd) type", character varying[]' },
    { kind: 'trigger', parts: ['public', 't', 'trg'] },
    { kind: 'event_trigger', parts: ['et'] },
    { kind: 'row_security', parts: ['public', 't'] },
    { kind: 'policy', parts: ['public', 't', 'p'] },
    { kind: 'domain', parts: ['public', 'd'] },
    { kind: 'composite_type', parts: ['public', 'ct'] },
    { kind: 'range_type', parts: ['public', 'rt'] },
    { kind: 'default_privilege', parts: ['app', '*', 'TABLES', 'PUBLIC'] },
    { kind: 'owner', target: { kind: 'function', parts: ['public', 'f'], args: 'integer' } },
    { kind: 'privilege', target: { kind: 'table', parts: ['public', 't'] }, column: '"My Col"', grantee: '"App:Role"' },
    { kind: 'privilege', target: { kind: 'function', parts: ['s', 'f'], args: 'integer' }, column: null, grantee: 'PUBLIC' },
    { kind: 'role', role: '"Some ""Role"""' },
    { kind: 'role', role: 'app_owner' },
  ];

  it.each(cases.map((c) => [formatId(c), c] as const))('%s round-trips', (text, id) => {
    expect(parseId(text)).toEqual(id);
    expect(formatId(parseId(text))).toBe(text);
  });

  it.each(awkward)('a name part %j round-trips in every position', (name) => {
    for (const parts of [[name], ['public', name], [name, 't', name]]) {
      const text = makeId('column', ...parts);
      expect(parseId(text)).toEqual({ kind: 'column', parts });
      const owned: ObjectId = { kind: 'owner', target: { kind: 'table', parts } };
      expect(parseId(formatId(owned))).toEqual(owned);
      const fn: ObjectId = { kind: 'function', parts, args: `"${name.replace(/"/g, '""')}"` };
      expect(parseId(formatId(fn))).toEqual(fn);
      const granted: ObjectId = { kind: 'privilege', target: { kind: 'table', parts }, column: `"${name.replace(/"/g, '""')}"`, grantee: '"x:y"' };
      expect(parseId(formatId(granted))).toEqual(granted);
    }
  });

  it('quotes exactly the parts that need it', () => {
    expect(makeId('table', 'public', 'My Table')).toBe('table:public."My Table"');
    expect(makeId('table', 'a.b', 'say "hi"')).toBe('table:"a.b"."say ""hi"""');
  });

  it.each(['table', 'table:', 'table:public.', 'table:"open', 'table:Public.t', 'function:public.f', 'function:public.f(int', 'owner:owner:table:t', 'privilege:table:t', 'table:t extra'])(
    'refuses %j with core.invalid-id',
    (text) => {
      let err: unknown;
      try {
        parseId(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StrataError);
      expect((err as StrataError).diagnostic.code).toBe('core.invalid-id');
    },
  );
});

describe('qualified names as SQL spells them', () => {
  it('splits on dots outside quotes and keeps the spelling', () => {
    expect(splitQualifiedName('public."My.Type"')).toEqual({ spelled: ['public', '"My.Type"'], names: ['public', 'My.Type'] });
    expect(splitQualifiedName('"a""b".Status')).toEqual({ spelled: ['"a""b"', 'Status'], names: ['a"b', 'status'] });
    expect(() => splitQualifiedName('public.')).toThrow(StrataError);
  });
});
