/**
 * Rule distribution-key (Citus readiness) on a desired state built by the state builder from small SQL
 * files: every kind of key and foreign key it checks, partitions checked once on their parent, reference
 * and local tables exempt, the opt-in config section and its validation.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { lint, lintConfigFrom, RULE_IDS, type Finding, type LintConfig } from '../../src/lint/index.js';
import { gatherLintInput, type Gathered } from '../../src/lint-run/index.js';
import { testServer } from '../helpers/server.js';

const SCHEMA = `CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE orgs (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE plans (id bigint PRIMARY KEY);
CREATE TABLE good (
  org_id bigint NOT NULL REFERENCES orgs (id),
  id bigint NOT NULL,
  code text NOT NULL,
  parent_id bigint,
  during tstzrange,
  PRIMARY KEY (org_id, id),
  CONSTRAINT good_code_key UNIQUE (org_id, code),
  CONSTRAINT good_id_org_key UNIQUE (id, org_id),
  CONSTRAINT good_parent_fkey FOREIGN KEY (org_id, parent_id) REFERENCES good (org_id, id),
  CONSTRAINT good_during_excl EXCLUDE USING gist (org_id WITH =, during WITH &&)
);
CREATE UNIQUE INDEX good_code_lower_key ON good (org_id, lower(code));
CREATE TABLE bad (
  id bigint PRIMARY KEY,
  org_id bigint,
  code text,
  good_id bigint,
  plan_id bigint REFERENCES plans (id),
  during tstzrange,
  CONSTRAINT bad_code_key UNIQUE (code),
  CONSTRAINT bad_good_fkey FOREIGN KEY (org_id, good_id) REFERENCES good (id, org_id),
  CONSTRAINT bad_during_excl EXCLUDE USING gist (during WITH &&),
  CONSTRAINT bad_org_excl EXCLUDE USING gist (org_id WITH <>, during WITH &&)
);
CREATE UNIQUE INDEX bad_code_lower_key ON bad (lower(code));
CREATE TABLE currencies (code text PRIMARY KEY, org_id bigint, good_id bigint, FOREIGN KEY (org_id, good_id) REFERENCES good (org_id, id));
CREATE TABLE exempt (id bigint PRIMARY KEY, org_id bigint);
CREATE TABLE ev (org_id bigint NOT NULL, id bigint NOT NULL, at timestamptz NOT NULL, good_id bigint,
  PRIMARY KEY (org_id, id, at), FOREIGN KEY (org_id, good_id) REFERENCES good (org_id, id)) PARTITION BY RANGE (at);
CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE ev_bad (org_id bigint NOT NULL, id bigint NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE ev_bad_2026 PARTITION OF ev_bad FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- strata:ignore distribution-key ids come from one global sequence; moved to (org_id, id) before sharding
CREATE TABLE acknowledged (id bigint PRIMARY KEY, org_id bigint NOT NULL);
`;

let root: string;
let gathered: Gathered;
let config: LintConfig;
const run = (c: LintConfig) => lint(gathered.input, c).findings.filter((f) => f.rule === 'distribution-key');
const subjects = (fs: Finding[]) => fs.filter((f) => !f.suppressed).map((f) => f.subject).sort();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'strata-dist-'));
  await mkdir(path.join(root, 'schema'));
  await writeFile(path.join(root, 'schema', '010_tables.sql'), SCHEMA);
  await writeFile(
    path.join(root, 'strata.config.json'),
    JSON.stringify({
      tenancy: { column: 'org_id', roles: ['dist_app'], settings: { tenant: 'app.tenant_id' } },
      lint: { distribution: { reference: ['orgs', 'public.currencies'], local: ['exempt'] } },
    }),
  );
  const project = await loadConfig(root);
  config = lintConfigFrom(project.section('lint'), RULE_IDS);
  gathered = await gatherLintInput({ project, lint: config, server: (await testServer()).target, selection: { kind: 'all' } });
}, 180_000);
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('distribution-key', () => {
  it('reports exactly the keys and foreign keys Citus would refuse, with table and constraint', () => {
    const fs = run(config);
    expect(subjects(fs)).toEqual(
      [
        'column:public.bad.org_id',
        'constraint:public.bad.bad_code_key',
        'constraint:public.bad.bad_during_excl',
        'constraint:public.bad.bad_good_fkey',
        'constraint:public.bad.bad_org_excl',
        'constraint:public.bad.bad_pkey',
        'constraint:public.bad.bad_plan_id_fkey',
        'constraint:public.currencies.currencies_org_id_good_id_fkey',
        'constraint:public.ev_bad.ev_bad_pkey',
        'index:public.bad_code_lower_key',
      ].sort(),
    );
    const msg = (id: string) => fs.find((f) => f.subject === id)!.message;
    expect(msg('constraint:public.bad.bad_pkey')).toBe('primary key bad_pkey (id) of distributed table public.bad does not include the distribution column org_id');
    expect(msg('constraint:public.bad.bad_code_key')).toContain('unique constraint bad_code_key (code) of distributed table public.bad');
    expect(msg('constraint:public.bad.bad_during_excl')).toContain('exclusion constraint bad_during_excl (during)');
    expect(msg('constraint:public.bad.bad_org_excl')).toContain('compares org_id with <>, not =');
    expect(msg('index:public.bad_code_lower_key')).toContain('unique index bad_code_lower_key (<expression>)');
    expect(msg('constraint:public.bad.bad_good_fkey')).toContain('(org_id, good_id) → public.good (id, org_id) does not map org_id to org_id');
    expect(msg('constraint:public.bad.bad_plan_id_fkey')).toContain('references public.plans, which has no org_id and is not a reference table');
    expect(msg('constraint:public.currencies.currencies_org_id_good_id_fkey')).toContain('(a reference table) references distributed table public.good');
    expect(msg('column:public.bad.org_id')).toContain('allows NULL');
    // Located at the statement that defines the table, in the schema file.
    expect(fs.find((f) => f.subject === 'constraint:public.bad.bad_pkey')).toMatchObject({ file: 'schema/010_tables.sql', line: 17, severity: 'error' });
  });

  it('checks a partitioned table once, on the parent; acknowledges a suppressed table', () => {
    const fs = run(config);
    expect(fs.filter((f) => f.subject?.includes('_2026'))).toEqual([]);
    expect(fs.filter((f) => f.subject?.startsWith('constraint:public.ev.'))).toEqual([]);
    expect(fs.filter((f) => f.suppressed).map((f) => [f.subject, f.suppressed])).toEqual([
      ['constraint:public.acknowledged.acknowledged_pkey', 'ids come from one global sequence; moved to (org_id, id) before sharding'],
    ]);
  });

  it('is off without lint.distribution; an explicit column overrides tenancy.column; local tables are exempt', () => {
    expect(run({ ...config, distribution: null })).toEqual([]);
    // Distributed by `code` instead: good's keys on (org_id, id) now miss it.
    expect(subjects(run({ ...config, distribution: { column: 'code', reference: [], local: [] } }))).toContain('constraint:public.good.good_pkey');
    // Without the local list, exempt (it has org_id) is distributed and its PRIMARY KEY (id) is reported.
    expect(subjects(run({ ...config, distribution: { ...config.distribution!, local: [] } }))).toContain('constraint:public.exempt.exempt_pkey');
    expect(run({ ...config, rules: { 'distribution-key': 'warning' } }).every((f) => f.severity === 'warning')).toBe(true);
    // A listed name that is no table is a finding at the config file, not silently ignored.
    const typo = run({ ...config, distribution: { ...config.distribution!, reference: [...config.distribution!.reference, 'public.orgz'] } }).filter((f) => f.file === 'strata.config.json');
    expect(typo.map((f) => f.message)).toEqual(['lint.distribution lists "public.orgz", which is not a table of the desired state']);
  });
});

it('validates lint.distribution', () => {
  expect(lintConfigFrom({ distribution: {} }, RULE_IDS).distribution).toEqual({ column: null, reference: [], local: [] });
  expect(lintConfigFrom({ distribution: { column: 'tenant_id', reference: ['a.b'] } }, RULE_IDS).distribution).toEqual({ column: 'tenant_id', reference: ['a.b'], local: [] });
  for (const [bad, message] of [
    [{ distribution: [] }, '"distribution" must be an object'],
    [{ distribution: { column: '' } }, '"distribution.column" must be a column name'],
    [{ distribution: { reference: 'orgs' } }, 'must be lists of table names'],
    [{ distribution: { shards: 32 } }, 'unknown key "shards"'],
  ] as const) {
    expect(() => lintConfigFrom(bad, RULE_IDS), message).toThrow(message);
  }
});

it('on the reference schema: no finding, as an error; every distributed table is keyed by (organization_id, ...)', async () => {
  const { PROJECT_ROOT } = await import('../helpers/server.js');
  const project = await loadConfig(PROJECT_ROOT);
  const refConfig = lintConfigFrom(project.section('lint'), RULE_IDS);
  const d = refConfig.distribution!;
  expect(d).not.toBeNull();
  // The desired state only (no migrations): the rule is a schema rule.
  const g = await gatherLintInput({ project: { ...project, paths: { ...project.paths, migrations: path.join(root, 'no-migrations') } }, lint: refConfig, server: (await testServer()).target, selection: { kind: 'all' } });
  const s = g.input.schema!;
  expect(refConfig.rules['distribution-key']).toBe('error');
  const fs = lint(g.input, refConfig).findings.filter((f) => f.rule === 'distribution-key');
  expect(fs.map((f) => `${f.subject}: ${f.message}`)).toEqual([]);
  // The census docs/scaling.md quotes.
  const tables = s.snapshot.objects.filter((o): o is Extract<typeof o, { kind: 'table' }> => o.kind === 'table' && !o.partitionOf);
  const column = d.column ?? project.tenancy!.column;
  const has = new Set(s.snapshot.objects.filter((o) => o.kind === 'column' && o.name === column).map((o) => o.parent));
  const role = new Map(tables.map((t) => [t.id, d.reference.includes(t.name) ? 'reference' : d.local.includes(t.name) ? 'local' : has.has(t.id) ? 'distributed' : 'local']));
  const fks: Record<string, number> = {};
  for (const k of s.facts.foreignKeys) {
    const [a, b] = [role.get(k.table), role.get(k.references.table)];
    if (a && b) fks[`${a} → ${b}`] = (fks[`${a} → ${b}`] ?? 0) + 1;
  }
  const distributed = tables.filter((t) => role.get(t.id) === 'distributed').length;
  expect(fks['reference → distributed'] ?? 0).toBe(0);
  expect(fks['local → distributed'] ?? 0).toBe(0);
  // Every primary key and unique key of a distributed table leads with the distribution column.
  const keys = s.facts.keys.filter((k) => role.get(k.table) === 'distributed');
  const pks = keys.filter((k) => k.type === 'primary key');
  expect(pks).toHaveLength(distributed);
  expect(keys.filter((k) => k.columns[0] !== column).map((k) => k.id)).toEqual([]);
  const events = pks.find((k) => k.table === 'table:public.events');
  expect(events?.columns).toEqual([column, 'id', 'occurred_at']);
  console.log(`distribution-key on the reference schema: ${tables.length} tables, ${distributed} distributed, ${keys.length} keys (${pks.length} primary) all leading with ${column}; foreign keys ${JSON.stringify(fks)}; findings: ${fs.length}`);
}, 180_000);
