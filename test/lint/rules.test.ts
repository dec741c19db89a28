/**
 * Every lint rule on real PostgreSQL: the fixture project (test/lint/fixture.ts) holds, per rule, a
 * migration or desired-state statement that triggers it, one that does not, and one where
 * `-- strata:ignore` acknowledges it. The states are built once (gathered with --all) and shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { lint, lintConfigFrom, RULE_IDS, RULES, type Finding, type LintResult } from '../../src/lint/index.js';
import { gatherLintInput, type Gathered } from '../../src/lint-run/index.js';
import { testServer } from '../helpers/server.js';
import { V, writeFixture, type Fixture } from './fixture.js';

let fx: Fixture;
let gathered: Gathered;
let result: LintResult;

beforeAll(async () => {
  fx = await writeFixture();
  const project = await loadConfig(fx.root);
  const config = lintConfigFrom(project.section('lint'), RULE_IDS);
  gathered = await gatherLintInput({ project, lint: config, server: (await testServer()).target, selection: { kind: 'all' } });
  result = lint(gathered.input, config);
}, 300_000);
afterAll(async () => fx?.remove());

const up = (v: string) => `migrations/${v}_${Object.entries(V).find(([, x]) => x === v)![0].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}.up.sql`;
const down = (v: string) => up(v).replace('.up.sql', '.down.sql');
const of = (rule: string) => result.findings.filter((f) => f.rule === rule);
const at = (fs: Finding[], file: string, line?: number) => fs.filter((f) => f.file === file && (line === undefined || f.line === line));

interface Case {
  rule: string;
  /** [file, line, message fragment] of unsuppressed findings. */
  fires: [string, number, string][];
  /** [file, line] of suppressed ones. */
  suppressed: [string, number][];
  /** Files (migrations or schema) where the rule must not fire. */
  clean: string[];
}

const cases: Case[] = [
  { rule: 'destructive', fires: [[up(V.hazards), 1, 'drops column legacy'], [up(V.hazards), 2, 'type narrowing']], suppressed: [[up(V.suppressed), 3]], clean: [up(V.base), up(V.safeFk)] },
  { rule: 'data-dependent', fires: [[up(V.hazards), 3, 'sets NOT NULL on public.items.name'], [up(V.hazards), 4, 'UNIQUE constraint items_sku_key'], [up(V.hazards), 13, 'adds NOT NULL column public.items.must without a default'], [up(V.hazards), 16, 'PRIMARY KEY constraint things_pkey']], suppressed: [[up(V.suppressed), 5]], clean: [up(V.base), up(V.safeFk)] },
  { rule: 'index-not-concurrent', fires: [[up(V.hazards), 5, 'items_created_idx']], suppressed: [[up(V.suppressed), 7]], clean: [up(V.concurrent), up(V.safeFk)] },
  { rule: 'constraint-not-valid', fires: [[up(V.hazards), 7, 'things_owner_fk']], suppressed: [], clean: [up(V.safeFk)] },
  { rule: 'table-rewrite', fires: [[up(V.hazards), 2, 'column code'], [up(V.hazards), 10, 'column qty']], suppressed: [[up(V.suppressed), 9]], clean: [up(V.safeFk)] },
  { rule: 'volatile-default', fires: [[up(V.hazards), 8, 'gen_random_uuid()']], suppressed: [[up(V.suppressed), 11]], clean: [up(V.safeFk)] },
  { rule: 'lock-timeout', fires: [[up(V.hazards), 1, 'without SET lock_timeout']], suppressed: [[up(V.suppressed), 3]], clean: [up(V.concurrent), up(V.safeFk)] },
  { rule: 'missing-down', fires: [[up(V.hazards), 1, 'has no down file']], suppressed: [[up(V.noDownAck), 2]], clean: [up(V.base), up(V.safeFk)] },
  { rule: 'down-not-inverse', fires: [[down(V.safeFk), 1, 'column:public.items.note']], suppressed: [[down(V.suppressed), 1]], clean: [down(V.base), down(V.concurrent)] },
  { rule: 'down-narrowing', fires: [[up(V.widen), 2, 'widens public.items.code from character varying(5) to text']], suppressed: [[up(V.suppressed), 9]], clean: [up(V.base), up(V.safeFk), up(V.hazards)] },
  { rule: 'query-broken', fires: [['queries/items.sql', 2, 'breaks query ListItems: column "title" does not exist']], suppressed: [['queries/items.sql', 8]], clean: [] },
  { rule: 'query-type-changed', fires: [['queries/items.sql', 5, 'IItemQtyResult (- qty: int4 | null, + qty: int8 | null)']], suppressed: [], clean: [] },
  { rule: 'access-widening', fires: [[up(V.hazards), 11, 'role lint_reader gains SELECT on public.items'], [up(V.hazards), 12, 'disables row level security on public.secrets'], [up(V.hazards), 14, 'role lint_reader gains UPDATE on public.items(qty)']], suppressed: [[up(V.suppressed), 16]], clean: [up(V.safeFk)] },
  { rule: 'tenant-rls', fires: [['schema/010_tables.sql', 11, 't_bad (has org_id) lacks ENABLE ROW LEVEL SECURITY']], suppressed: [['schema/010_tables.sql', 14]], clean: [] },
  { rule: 'fk-index', fires: [['schema/010_tables.sql', 11, 't_bad_good_id_fkey (good_id)']], suppressed: [], clean: [] },
  { rule: 'duplicate-index', fires: [['schema/010_tables.sql', 22, 'is a prefix of t_good_org_label_idx'], ['schema/010_tables.sql', 23, 't_good_org_idx2 duplicates t_good_org_idx']], suppressed: [], clean: [] },
  { rule: 'security-definer-search-path', fires: [['schema/020_functions.sql', 1, 'public.f_bad()']], suppressed: [['schema/020_functions.sql', 4]], clean: [] },
  { rule: 'table-pk', fires: [['schema/010_tables.sql', 19, 'log_bad has no primary key']], suppressed: [['schema/010_tables.sql', 18]], clean: [] },
  { rule: 'missing-comment', fires: [['schema/010_tables.sql', 11, 'table public.t_bad has no comment']], suppressed: [['schema/010_tables.sql', 14]], clean: [] },
  { rule: 'naming', fires: [['schema/010_tables.sql', 20, 'table name "BadName"']], suppressed: [], clean: [] },
  { rule: 'timestamp-without-tz', fires: [['schema/010_tables.sql', 11, 't_bad.seen_at']], suppressed: [], clean: [] },
  { rule: 'varchar-length', fires: [['schema/010_tables.sql', 11, 'character varying(20)']], suppressed: [], clean: [] },
  { rule: 'squawk/renaming-column', fires: [[up(V.hazards), 9, 'Renaming a column']], suppressed: [[up(V.suppressed), 14]], clean: [] },
];

describe('each rule: triggered, not triggered, suppressed', () => {
  for (const c of cases) {
    it(c.rule, () => {
      const fs = of(c.rule);
      for (const [file, line, text] of c.fires) {
        const hit = at(fs, file, line).filter((f) => !f.suppressed);
        expect(hit.map((f) => f.message).join('\n'), `${c.rule} at ${file}:${line}`).toContain(text);
      }
      for (const [file, line] of c.suppressed) expect(at(fs, file, line).filter((f) => f.suppressed).length, `${c.rule} suppressed at ${file}:${line}`).toBeGreaterThan(0);
      for (const file of c.clean) expect(at(fs, file).filter((f) => f.severity !== 'info'), `${c.rule} in ${file}`).toEqual([]);
    });
  }

  it('covers every rule strata defines (plpgsql-check only runs where the extension exists; distribution-key: distribution.test.ts)', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const missing = RULES.map((r) => r.id).filter((id) => !covered.has(id));
    expect(missing.sort()).toEqual(['distribution-key', 'plpgsql-check']);
    if (gathered.input.schema?.plpgsqlCheck === null) console.log('plpgsql-check: the server has no plpgsql_check extension; the rule was not exercised');
  });

  it('a suppression without a reason acknowledges nothing and is itself an error', () => {
    const s = of('suppression');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ file: up(V.suppressed), line: 17, severity: 'error' });
    const insert = at(of('access-widening'), up(V.suppressed), 18);
    expect(insert.filter((f) => !f.suppressed).map((f) => f.message)).toEqual(['role lint_reader gains INSERT on public.things']);
    expect(at(of('access-widening'), up(V.suppressed), 16).map((f) => f.suppressed)).toEqual(['reporting needs to read things']);
  });

  it('a renamed column is not reported as dropped; access on objects a migration creates is info', () => {
    expect(of('destructive').some((f) => f.message.includes('title'))).toBe(false);
    const base = at(of('access-widening'), up(V.base));
    expect(base.length).toBeGreaterThan(0);
    expect(base.every((f) => f.severity === 'info')).toBe(true);
  });

  it("squawk's lock rules are dropped on tables the same migration creates, and rules strata covers are left to strata", () => {
    expect(at(result.findings, up(V.base)).filter((f) => f.rule === 'squawk/adding-serial-primary-key-field')).toEqual([]);
    expect(at(result.findings, up(V.safeFk)).filter((f) => f.rule.startsWith('squawk/'))).toEqual([]);
    expect(result.findings.some((f) => f.rule === 'squawk/require-concurrent-index-creation' || f.rule === 'squawk/ban-drop-column')).toBe(false);
  });

  it('data-dependent: a key over columns that already held a NOT NULL unique key cannot fail on existing rows', () => {
    // secrets_pkey (id) -> (org_id, id), both NOT NULL: implied by the old key, even though it is dropped in the same statement.
    expect(at(of('data-dependent'), up(V.hazards), 15)).toEqual([]);
    // items_id_sku_idx (id, sku) contains the primary key (id).
    expect(at(of('data-dependent'), up(V.hazards), 17)).toEqual([]);
    // things_pkey (id) -> (owner_id, id): owner_id allows NULL, and adding the primary key sets NOT NULL.
    expect(at(of('data-dependent'), up(V.hazards), 16).map((f) => f.message)).toEqual([expect.stringContaining('adds PRIMARY KEY constraint things_pkey to existing table public.things')]);
  });

  it('counts unsuppressed errors and warnings', () => {
    const open = result.findings.filter((f) => !f.suppressed);
    expect(result.errors).toBe(open.filter((f) => f.severity === 'error').length);
    expect(result.errors).toBeGreaterThan(0);
    expect(gathered.versions).toEqual(Object.values(V));
  });
});
