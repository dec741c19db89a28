/**
 * The conformance harness on real PostgreSQL: corpus reading, loading and
 * classification, role creation, the worker pool's time limit, the report, and
 * — when the engine façade is present — a handful of representative corpus cases
 * through all four invariants. The full corpus run is `npm run conformance`.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execOnce, queryOnce } from '../../src/db/connect.js';
import type { ServerTarget } from '../../src/cluster/index.js';
import { runCase } from '../../tools/conformance/case.js';
import { catalogFingerprint, compareFingerprints } from '../../tools/conformance/catalog.js';
import { defaultCorpusRoot, filterCases, loadCorpus, parseMeta, staticSkipReason } from '../../tools/conformance/corpus.js';
import { loadEngine } from '../../tools/conformance/engine.js';
import { runInWorkers } from '../../tools/conformance/pool.js';
import { failureCauseGroup, renderMarkdown, tally, loadReasonGroup } from '../../tools/conformance/report.js';
import type { CaseResult } from '../../tools/conformance/result.js';
import { parserReady, referencedRoles, splitStatements } from '../../tools/conformance/sql.js';
import { testServer } from '../helpers/server.js';

const corpusRoot = defaultCorpusRoot(process.cwd());
let server: ServerTarget;

beforeAll(async () => {
  const ts = await testServer();
  server = { adminUrl: ts.url(), external: true };
  await parserReady();
});

const rows = <T>(text: string, params: unknown[] = []) => queryOnce<T>(server.adminUrl, text, params);

describe('corpus', () => {
  it('reads the index with categories and the meta.yml settings the harness acts on', () => {
    const cases = loadCorpus(corpusRoot);
    expect(cases.length).toBeGreaterThan(900);
    expect(new Set(cases.map((c) => c.source))).toEqual(new Set(['sqldef', 'pgschema', 'migra', 'pgkit-migra']));
    const vector = cases.find((c) => c.id === 'sqldef/tests_pgvector/VectorColumnNotNull');
    expect(vector?.meta.flavor).toBe('pgvector');
    const refused = cases.find((c) => c.id === 'sqldef/tests_managed_roles/ManagedRolesErrorCascade');
    expect(refused?.meta.error).toMatch(/CASCADE/);
    expect(refused?.meta.managedRoles).toEqual(['readonly_user']);
    expect(staticSkipReason(refused!, 18)).toMatch(/expects the differ to refuse/);
    expect(filterCases(cases, { text: 'tests_identity' }).every((c) => c.id.includes('tests_identity'))).toBe(true);
    expect(filterCases(cases, { source: 'migra' }).length).toBe(26);
  });

  it('parses the meta.yml subset: scalars, quoted scalars, role lists, nested maps ignored', () => {
    const m = parseMeta("min_version: '18.0'\nmanaged_roles:\n- user2\n- \"user-4\"\nmanage:\n  extension:\n  - drop: true\noffline: true\n");
    expect(m).toEqual({ minVersion: '18.0', managedRoles: ['user2', 'user-4'], offline: true });
    expect(staticSkipReason({ group: 'g', meta: m } as never, 17)).toBe('needs PostgreSQL 18.0');
    expect(staticSkipReason({ group: 'g', meta: m } as never, 18)).toBeUndefined();
  });
});

describe('sql', () => {
  it('splits on the parser, by UTF-8 byte offsets, keeping dollar-quoted bodies whole', () => {
    const r = splitStatements("-- head\nCOMMENT ON SCHEMA public IS 'é';\nDO $$ BEGIN PERFORM 1; END $$;\nSELECT 2");
    expect(r).toEqual({ ok: true, statements: ["COMMENT ON SCHEMA public IS 'é'", 'DO $$ BEGIN PERFORM 1; END $$', 'SELECT 2'] });
    expect(splitStatements('-- nothing here\n')).toEqual({ ok: true, statements: [] });
    expect(splitStatements('CREATE TABLE (').ok).toBe(false);
  });

  it('finds the roles a script names, inline or in lists, and not PUBLIC', () => {
    expect(
      referencedRoles('GRANT SELECT ON t TO reader, PUBLIC; ALTER TABLE t OWNER TO "Owner-1"; CREATE POLICY p ON t TO app USING (true)'),
    ).toEqual(['Owner-1', 'app', 'reader']);
  });
});

describe('loading cases on PostgreSQL (no engine)', () => {
  const ctx = () => ({ server, serverMajor: 18, statementTimeoutMs: 30_000 });
  const byId = (id: string) => {
    const c = loadCorpus(corpusRoot).find((x) => x.id === id);
    if (!c) throw new Error(`corpus case ${id} missing`);
    return c;
  };

  it('builds old and new of a plain case', async () => {
    const r = await runCase(byId('sqldef/tests_identity/ChangeIdentityFromByDefaultToAlways'), ctx());
    expect(r.status).toBe('loaded');
  });

  it('counts a case needing a missing extension apart, with the server message', async () => {
    const r = await runCase(byId('sqldef/tests_pgvector/VectorColumnNotNull'), ctx());
    expect(r.status).toBe('unloadable');
    expect(r.reason).toMatch(/^(old|new)\.sql: extension "vector" is not available/);
  });

  it('creates the roles a case grants to, then loads it', async () => {
    const r = await runCase(byId('migra/rls'), ctx()); // its policies name schemainspect_test_role
    expect(r.status).toBe('loaded');
    const found = await rows<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname = 'schemainspect_test_role'");
    expect(found).toHaveLength(1);
  });
});

describe('catalog fingerprint (the independent oracle)', () => {
  async function fingerprintOf(script: string) {
    const ts = await testServer();
    const db = await ts.scratch({ prefix: 'strata_cnf_fp' });
    try {
      await execOnce(db.url, script);
      return await catalogFingerprint(db.url);
    } finally {
      await db.drop();
    }
  }

  it('sees a CHECK stored differently though it means the same (a deparse that does not round-trip)', async () => {
    const a = await fingerprintOf(`CREATE TABLE t (s varchar(10) CHECK (s IN ('a', 'b')))`);
    const b = await fingerprintOf(`CREATE TABLE t (s varchar(10) CHECK (s::text = ANY (ARRAY['a'::varchar::text, 'b'::varchar::text])))`);
    const d = compareFingerprints(a, b);
    expect(d.differences).toHaveLength(1);
    expect(d.differences[0]).toMatch(/^constraint public\.t\.t_s_check: CHECK/);
  });

  it('treats an ACL equal to the default as no ACL, and reports column order apart', async () => {
    const a = await fingerprintOf('CREATE TABLE t (a int, b int); GRANT SELECT ON t TO PUBLIC; REVOKE SELECT ON t FROM PUBLIC;');
    const b = await fingerprintOf('CREATE TABLE t (b int, a int);');
    expect(compareFingerprints(a, b)).toEqual({
      differences: [],
      columnOrder: ['column-order public.t: a, b ≠ expected b, a'],
    });
  });

  it('leaves out objects an extension owns but sees the extension', async () => {
    const a = await fingerprintOf('CREATE EXTENSION citext;');
    expect([...a.keys()].filter((k) => !k.startsWith('schema '))).toEqual(['extension citext']);
  });
});

describe('worker pool', () => {
  let dir: string;
  const marker = `strata-cnf-test-${process.pid}-${Date.now()}`;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'strata-cnf-'));
    const write = (rel: string, files: Record<string, string>) => {
      mkdirSync(path.join(dir, 'local', rel), { recursive: true });
      for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, 'local', rel, f), text);
    };
    // Marks its database so the test can prove the pool dropped it after the kill.
    write('hang', {
      'old.sql': `DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '${marker}'); END $$;\nSELECT pg_sleep(60);`,
      'new.sql': '',
    });
    write('plain', { 'old.sql': 'CREATE TABLE t (id int);', 'new.sql': 'CREATE TABLE t (id int, name text);' });
    write('broken', { 'old.sql': 'CREATE TABLE t (id int);', 'new.sql': 'CREATE TABLE t (id no_such_type);' });
    // Declarative desired state: a forward reference and a schema the source project's harness provides.
    write('forward', {
      'old.sql': 'CREATE TABLE ext.t (id int);',
      'new.sql': 'CREATE TABLE a (b_id int REFERENCES b); CREATE TABLE b (id int PRIMARY KEY);',
    });
    const entry = (rel: string) => ({ rel, group: '', case: rel, cat: 'tables', tags: ['tables'] });
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ local: ['hang', 'plain', 'broken', 'forward'].map(entry) }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('times out a hung case, drops its databases, and keeps running the others', async () => {
    const cases = loadCorpus(dir);
    const results = await runInWorkers(cases, {
      server,
      cwd: process.cwd(),
      jobs: 2,
      caseTimeoutMs: 8_000,
      statementTimeoutMs: 120_000,
      serverMajor: 18,
      loadOnly: true,
    });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['local/hang']).toMatchObject({ status: 'error', reason: 'timed out after 8 s' });
    expect(by['local/plain']?.status).toBe('loaded');
    expect(by['local/broken']).toMatchObject({ status: 'unloadable' });
    expect(by['local/broken']?.reason).toMatch(/^new\.sql: type "no_such_type" does not exist \[42704\]/);
    expect(by['local/forward']).toMatchObject({
      status: 'loaded',
      loadNotes: ['old.sql: created schema ext', 'new.sql: statements deferred past forward references'],
    });
    const left = await rows('SELECT 1 FROM pg_shdescription WHERE description = $1', [marker]);
    expect(left).toHaveLength(0);
  });
});

describe('report', () => {
  const mk = (id: string, over: Partial<CaseResult>): CaseResult => ({
    id,
    source: id.split('/')[0]!,
    category: 'tables',
    tags: [],
    status: 'ran',
    up: { ok: true },
    down: { ok: true },
    idempotent: { ok: true },
    deterministic: { ok: true },
    ms: 1,
    ...over,
  });
  const results = [
    mk('a/one', {}),
    mk('a/two', { down: { ok: false, reason: 'after down: column t.x missing' } }),
    mk('a/three', { status: 'unloadable', reason: 'new.sql: extension "vector" is not available [0A000]', up: undefined }),
    mk('b/four', { status: 'error', reason: 'timed out after 5 s', up: undefined, down: undefined, idempotent: undefined, deterministic: undefined }),
  ];

  it('groups failure reasons by cause with names and numbers elided', () => {
    expect(failureCauseGroup('applying up failed: column "b" of relation "t" does not exist [42703] — at: ALTER TABLE t')).toBe(
      'applying up failed: column "…" of relation "…" does not exist [42703]',
    );
    expect(failureCauseGroup('after up: index public.t_idx differs: 2 columns (+3 more)')).toBe('after up: index … differs: N columns');
  });

  it('counts over loadable cases, errors failing every check', () => {
    const t = tally(results);
    expect(t).toMatchObject({ cases: 4, unloadable: 1, loadable: 3, errors: 1, all: 1 });
    expect(t.pass).toEqual({ up: 2, down: 1, idempotent: 2, deterministic: 2 });
  });

  it('renders per-source rows, unloadable reasons apart, and one line per failure', () => {
    const md = renderMarkdown(results, {
      generatedAt: 'T',
      server: 'PostgreSQL 18',
      mode: 'full',
      command: 'npm run conformance',
      corpus: 'c',
      wallSeconds: 1,
    });
    expect(md).toContain('| a | 3 | 1 | 2 | 100.0 % (2) | 50.0 % (1) | 100.0 % (2) | 100.0 % (2) | 50.0 % | 0 |');
    expect(md).toContain('- **1** × extension "…" is not available [0A000]');
    expect(md).toContain('- `a/two` (tables) — down: after down: column t.x missing');
    expect(md).toContain('- `b/four` (tables) — error: timed out after 5 s');
    expect(md).not.toContain('`a/one` (tables)');
    expect(md).toContain('| 1 | down: after down: column … missing | `a/two` |');
    expect(loadReasonGroup('old.sql: syntax error at or near "AT" [42601]')).toBe('syntax error at or near "…" [42601]');
  });
});

describe('representative cases through the engine', () => {
  // One case per kind the engine handles first: identity, column add, unique, type change, FK/check, index, comment.
  const ids = [
    'sqldef/tests_identity/ChangeIdentityFromByDefaultToAlways',
    'pgschema/create_table/add_column_identity',
    'sqldef/tests_constraints/DropUniqueConstraint',
    'pgschema/create_table/alter_column_types',
    'migra/constraints',
    'pgkit-migra/multi_column_index',
    'sqldef/tests_comments/DropTableWithConstraintComment',
  ];
  it('up, down, idempotent and deterministic hold', async () => {
    const engine = await loadEngine();
    const all = loadCorpus(corpusRoot);
    const cases = ids.map((id) => all.find((c) => c.id === id)).filter((c) => c !== undefined);
    expect(cases).toHaveLength(ids.length);
    for (const c of cases) {
      const r = await runCase(c, { server, engine, serverMajor: 18, statementTimeoutMs: 30_000 });
      expect({ id: r.id, status: r.status, reason: r.reason, up: r.up, down: r.down, idempotent: r.idempotent, deterministic: r.deterministic }).toEqual({
        id: c.id,
        status: 'ran',
        reason: undefined,
        up: { ok: true },
        down: { ok: true },
        idempotent: { ok: true },
        deterministic: { ok: true },
      });
    }
  });
});
