/**
 * The docs of the reference schema against its catalog: every table, column, constraint, index,
 * policy and trigger the database migrations/ builds is documented, the diagrams draw exactly
 * its foreign keys, the Mermaid sources render, the committed docs are current, and --check
 * catches stale, missing and orphaned files. The catalog is read with its own queries here,
 * not through strata's snapshot, so the docs are compared with an independent truth.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { queryOnce } from '../../src/db/connect.js';
import { findChromium, generateDocs, staleDocs, writeDocs, type GeneratedDocs } from '../../src/docs/index.js';
import { renderAllInOnePage } from '../../src/docs/svg.js';
import { withState } from '../../src/state/index.js';
import { PROJECT_ROOT, testServer } from '../helpers/server.js';

interface Catalog {
  tables: { name: string; partition: boolean }[];
  columns: { table: string; name: string }[];
  constraints: { table: string; name: string }[];
  indexes: { table: string; name: string }[];
  policies: { table: string; name: string }[];
  triggers: { table: string; name: string }[];
  fks: { child: string; parent: string; name: string }[];
}

const CATALOG_SQL = {
  tables: `SELECT n.nspname || '.' || c.relname AS name, c.relispartition AS partition FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'strata%'`,
  columns: `SELECT n.nspname || '.' || c.relname AS table, a.attname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = 'public'`,
  constraints: `SELECT co.conrelid::regclass::text AS table, co.conname AS name FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conislocal AND co.conparentid = 0`,
  indexes: `SELECT schemaname || '.' || tablename AS table, indexname AS name FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
            WHERE schemaname = 'public' AND NOT c.relispartition`,
  policies: `SELECT schemaname || '.' || tablename AS table, policyname AS name FROM pg_policies WHERE schemaname = 'public'`,
  triggers: `SELECT t.tgrelid::regclass::text AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT t.tgisinternal AND n.nspname = 'public' AND t.tgparentid = 0`,
  fks: `SELECT co.conrelid::regclass::text AS child, co.confrelid::regclass::text AS parent, co.conname AS name FROM pg_constraint co
        WHERE co.contype = 'f' AND co.conparentid = 0 AND co.connamespace = 'public'::regnamespace`,
};

/** regclass prints names on the search path bare; the docs always qualify. */
const qualify = (t: string) => (t.includes('.') ? t : `public.${t}`);

let g: GeneratedDocs;
let catalog: Catalog;
const chromium = await findChromium();
const outDir = path.join(PROJECT_ROOT, 'docs', 'schema');


const page = (table: string) => g.files.get(`${table}.md`) ?? '';

describe('strata docs on the reference schema', () => {
  beforeAll(async () => {
    const server = await testServer();
    // One after the other: two replays of migrations/ at once race on its cluster-wide CREATE ROLE
    // (duplicate key in pg_authid_rolname_index, seen under load), and the machine is CPU-bound anyway.
    g = await generateDocs({ root: PROJECT_ROOT, server: server.target, migrationsDir: path.join(PROJECT_ROOT, 'migrations'), schemaDir: path.join(PROJECT_ROOT, 'schema'), outDir });
    catalog = await withState({ kind: 'migrationsDir', dir: path.join(PROJECT_ROOT, 'migrations') }, server.target, async ({ url }) => {
        const read = async <T>(sql: string) => (await queryOnce(url, sql)) as T[];
        const c = {} as Catalog;
        for (const [k, sql] of Object.entries(CATALOG_SQL)) (c as unknown as Record<string, unknown>)[k] = await read(sql);
        for (const list of [c.columns, c.constraints, c.indexes, c.policies, c.triggers]) for (const x of list) x.table = qualify(x.table);
        for (const f of c.fks) [f.child, f.parent] = [qualify(f.child), qualify(f.parent)];
        return c;
    });
    if (!chromium) console.log('docs: Chromium not found, er.svg and the Mermaid rendering test are skipped: install it with `apt-get install -y chromium`');
  }, 400_000);

  it('has a page for every table and names every column, constraint, index, policy and trigger on it', () => {
    expect(catalog.tables.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const t of catalog.tables) if (!g.files.has(`${t.name}.md`)) missing.push(`page ${t.name}`);
    for (const [kind, list] of Object.entries({ column: catalog.columns, constraint: catalog.constraints, index: catalog.indexes, policy: catalog.policies, trigger: catalog.triggers })) {
      expect(list.length, kind).toBeGreaterThan(0);
      for (const x of list) if (!page(x.table).includes(`\`${x.name}\``)) missing.push(`${kind} ${x.table}.${x.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists every table in the overview under its domain, and every column in index.html', () => {
    const readme = g.files.get('README.md')!;
    for (const t of catalog.tables) expect(readme).toContain(`(${t.name}.md)`);
    expect(readme).toMatch(/## planning\n\nFrom `schema\/060_planning.sql`\./);
    const html = g.files.get('index.html')!;
    const tag = '<script type="application/json" id="schema-data">';
    const start = html.indexOf(tag) + tag.length;
    const data = JSON.parse(html.slice(start, html.indexOf('</script>', start))) as {
      tables: { name: string; columns: { name: string }[] }[];
    };
    const cols = new Set(data.tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)));
    expect(catalog.columns.filter((c) => !cols.has(`${c.table}.${c.name}`))).toEqual([]);
  });

  it('draws exactly the catalog foreign keys: in the whole-schema diagram, per domain and per table', () => {
    const edges = (src: string) =>
      [...src.matchAll(/^ {2}"([^"]+)" [|o][|o]--[o|][{|] "([^"]+)" : "([^"]+)"$/gm)].map((m) => `${m[2]} -> ${m[1]} ${m[3]}`).sort();
    const partitions = new Set(catalog.tables.filter((t) => t.partition).map((t) => t.name));
    const fks = catalog.fks.filter((f) => !partitions.has(f.child)).map((f) => `${f.child} -> ${f.parent} ${f.name}`).sort();
    expect(fks.length).toBeGreaterThan(50);
    expect(edges(g.files.get('er.mmd')!)).toEqual(fks);
    // Every FK appears in the domain diagram of the child's domain and in both tables' diagrams.
    const readme = g.files.get('README.md')!;
    const domainEdges = new Set(edges(readme));
    expect(fks.filter((f) => !domainEdges.has(f))).toEqual([]);
    for (const t of catalog.tables.filter((x) => !x.partition)) {
      const mine = fks.filter((f) => f.startsWith(`${t.name} -> `) || f.includes(` -> ${t.name} `));
      expect(edges(page(t.name)), t.name).toEqual(mine);
    }
  });

  it('summarises the migration history from the plan', () => {
    const md = g.files.get('migrations.md')!;
    expect(md).toMatch(/## 20261122025728 initial/);
    // No migration drops a table yet: the tables added over the history are the catalog's.
    const added = [...md.matchAll(/- Tables added \((\d+)\): /g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(added).toBe(catalog.tables.length);
    expect(md).toContain('[public.tasks](public.tasks.md)');
    expect(md).toMatch(/- Hazards:/);
  });

  it('the committed docs/schema/ is current (the generation is deterministic)', async () => {
    const stale = await staleDocs({ ...g, svgSkipped: g.svgSkipped ?? undefined }, PROJECT_ROOT);
    expect(stale.map((d) => d.message)).toEqual([]);
  });

  it('--check reports stale, missing and orphaned files; writing fixes them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'strata-docs-check-'));
    try {
      const copy = { ...g, outDir: dir };
      expect((await writeDocs(copy)).written.length).toBe(g.files.size);
      expect(await staleDocs(copy, dir)).toEqual([]);
      expect((await writeDocs(copy)).written).toEqual([]);
      await writeFile(path.join(dir, 'public.tasks.md'), (await readFile(path.join(dir, 'public.tasks.md'), 'utf8')).replace('`assignee_id`', '`assignee`'));
      await rm(path.join(dir, 'views.md'));
      await writeFile(path.join(dir, 'public.gone.md'), '# gone\n');
      const stale = await staleDocs(copy, dir);
      expect(stale.map((d) => [d.code, d.message])).toEqual([
        ['docs.stale', 'public.tasks.md is stale'],
        ['docs.stale', 'views.md is missing'],
        ['docs.orphan', 'public.gone.md documents nothing that exists any more'],
      ]);
      expect(stale[0]!.hint).toContain('strata docs');
      expect((await writeDocs(copy)).removed).toEqual(['public.gone.md']);
      expect(await staleDocs(copy, dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Every diagram is erDiagram text from the same entity and relation lines (src/docs/mermaid.ts); a table
  // page's diagram shows a few of the entities and relations of the whole ER. So the whole ER and the
  // domain diagrams are laid out, and every table page's diagram is parsed: a render costs ~0.25 s each.
  // A source broken on purpose, last, proves the parse-only check can fail.
  it.runIf(!!chromium)('every Mermaid source the docs embed parses in Chromium; the whole ER and every domain diagram render', async () => {
    const embedded = g.mermaid.map((m) => m.source);
    expect(embedded.length).toBeGreaterThan(catalog.tables.length);
    const parseOnly = g.mermaid.map((m) => m.file !== 'er.mmd' && m.file !== 'README.md');
    expect(parseOnly.filter((p) => !p).length).toBeGreaterThan(2);
    const broken = embedded[parseOnly.indexOf(true)]!.replace('erDiagram', 'erDiagram\n  ORPHAN ||--o{');
    const results = await renderAllInOnePage(chromium!, [...embedded, broken], [...parseOnly, true]);
    expect(results.pop()).toMatchObject({ error: expect.stringMatching(/Parse error|Expecting/) });
    expect(results.flatMap((r, i) => ('error' in r ? [`${g.mermaid[i]!.file}: ${r.error}`] : []))).toEqual([]);
    for (const [i, r] of results.entries()) {
      if (parseOnly[i]) expect(r).toEqual({ parsed: true });
      else expect('svg' in r && r.svg).toMatch(/^<svg [^>]*aria-roledescription="er"/);
    }
    expect(g.files.get('er.svg')).toMatch(/^<svg [^>]*aria-roledescription="er"/);
  }, 300_000);
});

describe('strata docs --check (CLI)', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'strata-docs-cli-'));
    for (const f of ['schema', 'migrations', 'docs/schema', 'strata.config.json']) await cp(path.join(PROJECT_ROOT, f), path.join(project, f), { recursive: true });
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('exits 1 naming the stale file; without Chromium it says why er.svg is not checked or rendered, and still writes the rest', async () => {
    await writeFile(path.join(project, 'docs/schema/public.users.md'), '# edited by hand\n');
    const server = await testServer();
    let out = '';
    let err = '';
    const saved = process.env.STRATA_CHROMIUM;
    process.env.STRATA_CHROMIUM = path.join(project, 'no-chromium-here');
    try {
      const code = await main(['docs', '--check', '--database-url', server.url()], { cwd: project, isTTY: false, out: (t) => void (out += t), err: (t) => void (err += t) });
      expect(err).toContain('error: docs/schema/public.users.md is stale');
      expect(err).toContain('hint: run `strata docs`');
      expect(err).toContain('note: er.svg not checked: STRATA_CHROMIUM=');
      expect(err).toContain('apt-get install -y chromium');
      expect(err.match(/error:/g)).toHaveLength(1);
      expect(code).toBe(1);
      expect(out).toBe('');

      // Writing without Chromium: the Markdown, Mermaid and HTML are regenerated, er.svg is left as it was.
      const svgBefore = await readFile(path.join(project, 'docs/schema/er.svg'), 'utf8');
      out = '';
      err = '';
      expect(await main(['docs', '--database-url', server.url()], { cwd: project, isTTY: false, out: (t) => void (out += t), err: (t) => void (err += t) })).toBe(0);
      expect(out).toContain('wrote docs/schema/public.users.md\n');
      expect(out).toMatch(/\d+ files in docs\/schema\/ \(\d+ tables\); 1 written, 0 removed\n$/);
      expect(err).toMatch(/^note: er.svg not rendered: STRATA_CHROMIUM=\S+ is not an executable: install it with `apt-get install -y chromium`/);
      expect(await readFile(path.join(project, 'docs/schema/er.svg'), 'utf8')).toBe(svgBefore);
      expect(await readFile(path.join(project, 'docs/schema/public.users.md'), 'utf8')).toBe(await readFile(path.join(PROJECT_ROOT, 'docs/schema/public.users.md'), 'utf8'));
    } finally {
      if (saved === undefined) delete process.env.STRATA_CHROMIUM;
      else process.env.STRATA_CHROMIUM = saved;
    }
  }, 600_000);
});
