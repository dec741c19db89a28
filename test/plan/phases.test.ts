/**
 * The planner's named phases on hand-built snapshots and rule tables (pure), and a
 * dependency cycle it cannot order: an error that names the cycle in run order.
 */
import { describe, expect, it } from 'vitest';
import { makeId } from '../../src/core/ids.js';
import { StrataError } from '../../src/core/diagnostic.js';
import { emptySnapshot, normalizeSnapshot, type CatalogObject, type Snapshot } from '../../src/core/model/index.js';
import {
  RULES,
  collectChanges,
  expandReplacements,
  findCycle,
  foldChildren,
  linkNodes,
  orderNodes,
  planChanges,
  planInput,
  type KindRules,
  type RuleTable,
} from '../../src/plan/index.js';

/** A view kind whose rules only name what they do; its dependsOn comes from the test. */
const viewRules = {
  kind: 'view',
  order: 9,
  create: (o: CatalogObject) => [{ sql: `CREATE ${o.id}` }],
  drop: (o: CatalogObject) => [{ sql: `DROP ${o.id}` }],
  alter: (a: CatalogObject & { definition?: string }, b: CatalogObject & { definition?: string }) =>
    a.definition === b.definition ? [] : null,
} as unknown as KindRules<never>;
const rules = { ...RULES, view: viewRules } as unknown as RuleTable;

const view = (name: string, deps: string[], definition = 'select 1'): CatalogObject =>
  ({
    kind: 'view',
    id: makeId('view', 'public', name),
    parent: null,
    comment: null,
    dependsOn: deps.map((d) => makeId('view', 'public', d)),
    definition,
  }) as unknown as CatalogObject;
const snap = (...objects: CatalogObject[]): Snapshot => normalizeSnapshot({ ...emptySnapshot(180000), objects });

function thrown(fn: () => unknown): StrataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StrataError) return e;
    throw e;
  }
  throw new Error('expected a StrataError');
}

describe('a dependency cycle the planner cannot order', () => {
  it('is a plan.cycle error printing the cycle, never broken silently', () => {
    const to = snap(view('a', ['b']), view('b', ['a']));
    const err = thrown(() => planChanges(emptySnapshot(180000), to, { rules }));
    expect(err.diagnostic.code).toBe('plan.cycle');
    expect(err.message).toBe('cannot order the plan: dependency cycle create view:public.a → create view:public.b → create view:public.a');
    expect(err.diagnostic.detail).toContain('create view:public.b\n    has to run before create view:public.a');
  });

  it('names only the nodes on the cycle, in run order, not what waits behind it', () => {
    // c needs b, b needs a, a needs c; d needs a and is stuck behind the cycle without being on it.
    const to = snap(view('a', ['c']), view('b', ['a']), view('c', ['b']), view('d', ['a']), view('e', []));
    const err = thrown(() => planChanges(emptySnapshot(180000), to, { rules }));
    expect(err.message).toBe(
      'cannot order the plan: dependency cycle create view:public.a → create view:public.b → create view:public.c → create view:public.a',
    );
  });

  it('findCycle walks back from the first stuck node', () => {
    const to = snap(view('x', ['y']), view('y', ['x']));
    const p = planInput(emptySnapshot(180000), to, rules, 'up');
    const g = linkNodes(p, foldChildren(p, expandReplacements(p, collectChanges(p, emptySnapshot(180000), to))));
    expect(findCycle(g.nodes).map((n) => n.id)).toEqual(['view:public.x', 'view:public.y']);
  });
});

describe('the phases', () => {
  const from = snap(view('a', []), view('b', ['a']), view('c', ['b']), view('gone', []));
  const to = snap(view('a', [], 'select 2'), view('b', ['a']), view('c', ['b']), view('new', ['a']));
  const p = planInput(from, to, rules, 'up');

  it('collectChanges: creates, drops, and alters the rules cannot do in place become replacements', () => {
    const c = collectChanges(p, from, to);
    expect([...c.creating].sort()).toEqual(['view:public.a', 'view:public.new']);
    expect([...c.dropping].sort()).toEqual(['view:public.a', 'view:public.gone']);
    expect(c.replaceQueue).toEqual(['view:public.a']);
  });

  it('expandReplacements: a replaced object takes its dependents with it, transitively', () => {
    const c = expandReplacements(p, collectChanges(p, from, to));
    expect([...c.dropping].sort()).toEqual(['view:public.a', 'view:public.b', 'view:public.c', 'view:public.gone']);
    expect([...c.creating].sort()).toEqual(['view:public.a', 'view:public.b', 'view:public.c', 'view:public.new']);
    expect([...c.causes].sort()).toEqual(['view:public.a', 'view:public.b']);
  });

  it('orderNodes: drops first (dependents before what they need), then creates (needs first)', () => {
    const g = linkNodes(p, foldChildren(p, expandReplacements(p, collectChanges(p, from, to))));
    expect(orderNodes(g.nodes).map((n) => `${n.op} ${n.id}`)).toEqual([
      'drop view:public.c',
      'drop view:public.b',
      'drop view:public.a',
      'drop view:public.gone',
      'create view:public.a',
      'create view:public.b',
      'create view:public.c',
      'create view:public.new',
    ]);
    expect(planChanges(from, to, { rules }).map((s) => s.sql)).toEqual([
      'DROP view:public.c',
      'DROP view:public.b',
      'DROP view:public.a',
      'DROP view:public.gone',
      'CREATE view:public.a',
      'CREATE view:public.b',
      'CREATE view:public.c',
      'CREATE view:public.new',
    ]);
  });

  it('foldChildren: a new table\'s columns go into its CREATE TABLE, with no step of their own', () => {
    const t: CatalogObject = {
      kind: 'table', id: makeId('table', 'public', 't'), parent: null, comment: null, dependsOn: [],
      schema: 'public', name: 't', qname: 'public.t', unlogged: false, partitionKey: null, partitionOf: null, inherits: [],
    };
    const col: CatalogObject = {
      kind: 'column', id: makeId('column', 'public', 't', 'x'), parent: t.id, comment: null, dependsOn: [t.id],
      table: 'public.t', name: 'x', qname: 'x', position: 1, type: 'integer',
      collation: null, default: null, notNull: false, identity: null, generated: null,
    };
    const withTable = snap(t, col);
    const q = planInput(emptySnapshot(180000), withTable, RULES, 'up');
    const g = foldChildren(q, collectChanges(q, emptySnapshot(180000), withTable));
    expect(g.nodes.map((n) => [n.op, n.id, n.covers])).toEqual([['create', 'table:public.t', ['column:public.t.x', 'table:public.t']]]);
    expect(g.createNodeOf.get(col.id)).toBe(g.createNodeOf.get(t.id));
  });
});
