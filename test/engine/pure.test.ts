/**
 * The pure stages (diff, plan, render) on JSON snapshot fixtures: no database.
 * Fixtures are rebuilt with test/fixtures/engine/regenerate.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogObject, Snapshot } from '../../src/core/model/index.js';
import { emptySnapshot, normalizeSnapshot } from '../../src/core/model/index.js';
import { diffObjects } from '../../src/diff/index.js';
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { planChanges, RULES, HAZARDS } from '../../src/plan/index.js';
import { makeId } from '../../src/core/ids.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): Snapshot =>
  JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'engine', `${name}.json`), 'utf8')) as Snapshot;

const v1 = fixture('shop-v1');
const v2 = fixture('shop-v2');

function indexOfLine(sql: string, fragment: string): number {
  const i = sql.split('\n').findIndex((l) => l.includes(fragment));
  expect(i, `missing: ${fragment}\n${sql}`).toBeGreaterThanOrEqual(0);
  return i;
}

describe('diff and plan on fixtures', () => {
  const plan = diffSnapshots(v1, v2);

  it('alters in place where PostgreSQL can', () => {
    expect(plan.up).toContain(`ALTER TYPE public.order_status ADD VALUE 'shipped' AFTER 'paid';`);
    expect(plan.up).toContain('ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2);');
    expect(plan.up).toContain('ALTER TABLE public.customers DROP COLUMN legacy_code;');
    expect(plan.up).toContain(`COMMENT ON TABLE public.customers IS 'who buys';`);
    expect(plan.up).not.toContain('DROP TABLE');
  });

  it('orders tables before their foreign keys and drops a changed FK before re-adding it', () => {
    const create = indexOfLine(plan.up, 'CREATE TABLE public.invoices');
    const fk = indexOfLine(plan.up, 'ADD CONSTRAINT invoices_order_id_fkey');
    expect(create).toBeLessThan(fk);
    const drop = indexOfLine(plan.up, 'DROP CONSTRAINT orders_customer_id_fkey');
    const add = indexOfLine(plan.up, 'ADD CONSTRAINT orders_customer_id_fkey');
    expect(drop).toBeLessThan(add);
  });

  it('down undoes up: drops what up created, restores the dropped column with a note', () => {
    expect(plan.down).toContain('DROP TABLE public.invoices;');
    expect(plan.down).toMatch(/-- down restores column legacy_code without its data\nALTER TABLE public.customers ADD COLUMN legacy_code text;/);
    expect(plan.down).toContain('ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(10,2);');
  });

  it('steps carry hazards, lock and transactionality as data', () => {
    const dropCol = plan.steps.find((s) => s.sql.includes('DROP COLUMN legacy_code'))!;
    expect(dropCol).toMatchObject({ op: 'drop', kind: 'column', objectId: 'column:public.customers.legacy_code', lock: 'ACCESS EXCLUSIVE', transactional: true });
    expect(dropCol.hazards).toContain('data-loss');
    const retype = plan.steps.find((s) => s.sql.includes('TYPE numeric(12,2)'))!;
    expect(retype.hazards).toContain('table-rewrite');
    for (const s of plan.steps) for (const h of s.hazards) expect(HAZARDS).toContain(h);
    const fk = plan.steps.find((s) => s.sql.includes('ADD CONSTRAINT invoices_order_id_fkey'))!;
    // pg_depend: the referenced column and the primary key's index (which stands for the constraint).
    expect(fk.dependsOn).toEqual(expect.arrayContaining(['column:public.orders.id', 'constraint:public.orders.orders_pkey']));
  });

  it('a snapshot diffed with itself, or with its JSON round trip, is empty', () => {
    expect(diffSnapshots(v2, v2)).toEqual({ steps: [], up: '', down: '', downSteps: [] });
    expect(diffSnapshots(v2, JSON.parse(JSON.stringify(v2)) as Snapshot).up).toBe('');
    expect(compareSnapshots(v1, v1)).toEqual([]);
  });

  it('output is byte-identical whatever the input object order', () => {
    const shuffled: Snapshot = { ...v2, objects: [...v2.objects].reverse() };
    expect(diffSnapshots(v1, shuffled).up).toBe(plan.up);
    expect(diffSnapshots(v1, normalizeSnapshot(shuffled)).down).toBe(plan.down);
  });

  it('compareSnapshots ignores layout (column position, dependency order) and reports schema changes', () => {
    const moved: Snapshot = {
      ...v1,
      objects: v1.objects.map((o) => (o.kind === 'column' ? { ...o, position: o.position + 10, dependsOn: [...o.dependsOn].reverse() } : o)),
    };
    expect(compareSnapshots(v1, moved)).toEqual([]);
    const diffs = compareSnapshots(v1, v2);
    expect(diffs).toContain('column:public.customers.legacy_code: only in the first');
    expect(diffs).toContain('table:public.invoices: only in the second');
    expect(diffs.some((d) => d.startsWith('column:public.orders.total: type'))).toBe(true);
  });
});

describe('ordering on hand-built snapshots', () => {
  const table = (name: string): CatalogObject => ({
    kind: 'table', id: makeId('table', 'public', name), parent: null, comment: null, dependsOn: [],
    schema: 'public', name, qname: `public.${name}`, unlogged: false, partitionKey: null, partitionOf: null, inherits: [],
  });
  const column = (t: string, name: string): CatalogObject => ({
    kind: 'column', id: makeId('column', 'public', t, name), parent: makeId('table', 'public', t), comment: null,
    dependsOn: [makeId('table', 'public', t)], table: `public.${t}`, name, qname: name, position: 1, type: 'integer',
    collation: null, default: null, notNull: false, identity: null, generated: null,
  });
  const fk = (t: string, ref: string): CatalogObject => ({
    kind: 'constraint', id: makeId('constraint', 'public', t, `${t}_fk`), parent: makeId('table', 'public', t), comment: null,
    dependsOn: [makeId('table', 'public', t), makeId('column', 'public', t, 'x'), makeId('column', 'public', ref, 'x')],
    table: `public.${t}`, name: `${t}_fk`, qname: `${t}_fk`, type: 'foreign key',
    definition: `FOREIGN KEY (x) REFERENCES public.${ref}(x)`, validated: true,
  });
  const cyclic: Snapshot = normalizeSnapshot({
    ...emptySnapshot(180000),
    objects: [table('a'), table('b'), column('a', 'x'), column('b', 'x'), fk('a', 'b'), fk('b', 'a')],
  });

  it('breaks a foreign-key cycle: both tables first, then both constraints', () => {
    const { up, down } = diffSnapshots(emptySnapshot(180000), cyclic);
    expect(up.split('\n').filter((l) => l.startsWith('CREATE TABLE') || l.includes('ADD CONSTRAINT'))).toEqual([
      'CREATE TABLE public.a (',
      'CREATE TABLE public.b (',
      'ALTER TABLE public.a ADD CONSTRAINT a_fk FOREIGN KEY (x) REFERENCES public.b(x);',
      'ALTER TABLE public.b ADD CONSTRAINT b_fk FOREIGN KEY (x) REFERENCES public.a(x);',
    ]);
    // Dropping two tables that reference each other: constraints first, so neither DROP TABLE is blocked.
    expect(down.trim().split('\n')).toEqual([
      'ALTER TABLE public.a DROP CONSTRAINT a_fk;',
      'ALTER TABLE public.b DROP CONSTRAINT b_fk;',
      'DROP TABLE public.a;',
      'DROP TABLE public.b;',
    ]);
  });

  it('folds a new table\'s columns into CREATE TABLE and a dropped table\'s children into DROP TABLE', () => {
    const one: Snapshot = normalizeSnapshot({ ...emptySnapshot(), objects: [table('a'), column('a', 'x')] });
    const steps = planChanges(emptySnapshot(), one);
    expect(steps.map((s) => s.sql)).toEqual(['CREATE TABLE public.a (\n    x integer\n)']);
    expect(planChanges(one, emptySnapshot()).map((s) => s.sql)).toEqual(['DROP TABLE public.a']);
  });

  it('a change of kind under one id is a drop and a create', () => {
    const changes = diffObjects(cyclic, { ...cyclic, objects: cyclic.objects.filter((o) => o.kind !== 'constraint') });
    expect(changes.map((c) => [c.op, c.id])).toEqual([
      ['drop', 'constraint:public.a.a_fk'],
      ['drop', 'constraint:public.b.b_fk'],
    ]);
  });
});

describe('architecture guards', () => {
  it('the generic differ names no object kind', () => {
    const src = readFileSync(path.join(here, '..', '..', 'src', 'diff', 'index.ts'), 'utf8');
    for (const kind of Object.keys(RULES)) expect(src, `src/diff mentions '${kind}'`).not.toMatch(new RegExp(`['"\`]${kind}['"\`]`));
  });

  it('every rule table entry is keyed by its own kind', () => {
    for (const [kind, rule] of Object.entries(RULES)) expect(rule.kind).toBe(kind);
  });
});

describe('column type change hazards', () => {
  const col = (type: string): Snapshot =>
    normalizeSnapshot({
      ...emptySnapshot(180000),
      objects: [
        { kind: 'column', id: 'column:public.t.c', parent: null, comment: null, dependsOn: [], table: 'public.t', name: 'c', qname: 'c',
          position: 1, type, collation: null, default: null, notNull: false, identity: null, generated: null },
      ],
    });
  const hazards = (a: string, b: string) => planChanges(col(a), col(b))[0]!.hazards;

  it.each([
    ['integer', 'bigint'],
    ['character varying(10)', 'character varying(20)'],
    ['character varying(10)', 'text'],
    ['numeric(10,2)', 'numeric(12,2)'],
  ])('%s → %s widens: no data-loss', (a, b) => {
    expect(hazards(a, b)).toEqual(['blocking-lock', 'table-rewrite']);
  });

  it.each([
    ['bigint', 'integer'],
    ['character varying(20)', 'character varying(10)'],
    ['text', 'integer'],
    ['numeric(12,2)', 'numeric(12,4)'],
  ])('%s → %s may lose data', (a, b) => {
    expect(hazards(a, b)).toContain('data-loss');
  });
});

describe('expression canonical form', () => {
  it('rewrites the varchar IN-list deparse to its parse-stable form, and leaves other text alone', async () => {
    const { normalizeExpression } = await import('../../src/introspect/normalize.js');
    const deparsed = `CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'it''s'::character varying])::text[])))`;
    const stable = `CHECK (((status)::text = ANY (ARRAY[('a'::character varying)::text, ('it''s'::character varying)::text])))`;
    expect(normalizeExpression(deparsed)).toBe(stable);
    expect(normalizeExpression(stable)).toBe(stable);
    expect(normalizeExpression(`CHECK ((a = ANY (ARRAY[1, 2])))`)).toBe(`CHECK ((a = ANY (ARRAY[1, 2])))`);
    expect(normalizeExpression(null)).toBeNull();
  });
});
