/**
 * What the docs derive from a catalog, on a small schema built by the state builder: foreign
 * keys from dependencies (self-references, optional and one-to-one), partitions, keys, the role ×
 * command table from grants and policies, Markdown escaping, and domains from schema files.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type DocModel } from '../../src/docs/model.js';
import { readDomains } from '../../src/docs/domains.js';
import { renderTablePage, renderTypesPage, renderViewsPage } from '../../src/docs/markdown.js';
import { tableDiagram } from '../../src/docs/mermaid.js';
import { buildSnapshot } from '../../src/state/index.js';
import { diffSnapshots } from '../../src/engine/index.js';
import { renderMigrationsPage } from '../../src/docs/history.js';
import type { Snapshot } from '../../src/core/model/index.js';
import { PROJECT_ROOT, testServer } from '../helpers/server.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'small.sql');
let model: DocModel;
let snapshot: Snapshot;
const table = (id: string) => model.tables.find((t) => t.id === id)!;

beforeAll(async () => {
  const server = await testServer();
  snapshot = await buildSnapshot({ kind: 'sqlFile', file: FIXTURE }, server.target);
  model = buildModel(snapshot, { 'table:app.teams': 'schema/010_teams.sql', 'table:app.log': 'schema/020_log.sql' });
}, 180_000);

describe('docs model', () => {
  it('reads foreign keys from the catalog: self-reference, optional, one-to-one', () => {
    const rel = (name: string) => model.relations.find((r) => r.name === name)!;
    expect(model.relations.map((r) => r.name).sort()).toEqual(['charters_team_id_fkey', 'log_team_id_fkey', 'teams_parent_id_fkey']);
    expect(rel('teams_parent_id_fkey')).toMatchObject({ from: 'table:app.teams', to: 'table:app.teams', fromColumns: ['parent_id'], optional: true, oneToOne: false });
    expect(rel('charters_team_id_fkey')).toMatchObject({ from: 'table:app.charters', to: 'table:app.teams', fromColumns: ['team_id'], optional: false, oneToOne: true });
    expect(rel('log_team_id_fkey')).toMatchObject({ from: 'table:app.log', to: 'table:app.teams', optional: false, oneToOne: false });
    const d = tableDiagram(model, table('table:app.teams'));
    expect(d).toContain('  "app.teams" |o--o{ "app.teams" : "teams_parent_id_fkey"');
    expect(d).toContain('  "app.teams" ||--o| "app.charters" : "charters_team_id_fkey"');
    expect(d).toContain('  "app.teams" ||--o{ "app.log" : "log_team_id_fkey"');
    expect(d).toContain('    bigint id PK\n    bigint parent_id FK\n    text name UK\n    mood mood\n    percent load\n');
  });

  it('puts a partition in its parent domain with its parent columns, and lists partitions on the parent', () => {
    const log = table('table:app.log');
    const part = table('table:app.log_2026');
    expect(log.partitions).toEqual([{ id: 'table:app.log_2026', bound: "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')" }]);
    expect(part.domain).toBe('log');
    expect(part.columns.map((c) => c.name)).toEqual(['at', 'team_id']);
    const page = renderTablePage(model, log);
    expect(page).toContain('Partitioned by `RANGE (at)`.');
    expect(page).toContain('| [app.log_2026](app.log_2026.md) |');
    expect(model.domains.map((d) => d.name)).toEqual(['teams', 'log', '(no schema file)']);
  });

  it('tells who may do what from grants and policies', () => {
    const page = renderTablePage(model, table('table:app.teams'));
    const row = (role: string) => page.split('\n').find((l) => l.startsWith(`| \`${role}\` |`));
    // role | SELECT | INSERT | UPDATE | DELETE | other
    expect(row('docs_reader')).toBe('| `docs_reader` | yes; rows: `teams_read` | yes; no policy: no rows | — | — |  |');
    expect(row('docs_writer')).toBe(
      '| `docs_writer` | yes; rows: `teams_read` | — | columns `mood`, `name`; rows: `teams_write`; restricted by `teams_not_root` | — |  |',
    );
    expect(page).toContain('· Row-level security: enabled\n');
    expect(page).toContain('- `teams_write`: permissive, UPDATE for `docs_writer`\n  - USING `true`\n  - WITH CHECK `(name <> \'\'::text)`');
    expect(page).toContain('| `teams_touch` | `CREATE TRIGGER teams_touch BEFORE UPDATE ON app.teams FOR EACH ROW EXECUTE FUNCTION app.touch()` | enabled |  |');
  });

  it('escapes comments for Markdown tables', () => {
    const page = renderTablePage(model, table('table:app.teams'));
    expect(page).toContain('\nTeams \\| nested.\n');
    expect(page).toContain('| Shown &lt;everywhere>. |');
    expect(page).toContain('| `id` | `bigint` | no | generated always as identity | PK |  |');
  });

  it('documents views, enums and domains with their users', () => {
    const types = renderTypesPage(model);
    expect(types).toContain("Values, in order: `calm`, `busy`.");
    expect(types).toContain('Used by `mood` of [app.teams](app.teams.md).');
    expect(types).toContain('Base type `integer`, nullable.');
    expect(types).toContain('`percent_check`: `CHECK (((VALUE >= 0) AND (VALUE <= 100)))`');
    const views = renderViewsPage(model);
    expect(views).toContain('## app.team_names');
    expect(views).toContain('| `name` | `text` |  |');
  });
});

describe('docs migration history', () => {
  it('summarises a migration from the plan between the states before and after it', () => {
    // The state before: without app.charters (and what hangs off it) and without the column teams.load.
    const gone = (id: string): boolean => id === 'table:app.charters' || id === 'column:app.teams.load' || snapshot.objects.some((o) => o.id === id && o.parent !== null && gone(o.parent));
    const before: Snapshot = { ...snapshot, objects: snapshot.objects.filter((o) => !gone(o.id) && !o.dependsOn.some(gone)) };
    const steps = diffSnapshots(before, snapshot).steps;
    const md = renderMigrationsPage([{ version: '2', name: 'charters', file: 'migrations/2_charters.up.sql', steps, before, after: snapshot }]);
    expect(md).toContain('## 2 charters\n\nFile: `migrations/2_charters.up.sql`.');
    expect(md).toContain('- Tables added (1): [app.charters](app.charters.md)\n');
    expect(md).toContain('- Columns added (1): [app.teams](app.teams.md) (`load`)\n');
    expect(md).not.toContain('Tables dropped');
    expect(md).toContain('- Strongest lock: ACCESS EXCLUSIVE');
    expect(renderMigrationsPage([])).toContain('There are no migrations yet.');
  });
});

describe('docs domains', () => {
  it('maps what each reference schema file creates to the file, from the parse tree', async () => {
    const map = await readDomains(path.join(PROJECT_ROOT, 'schema'), PROJECT_ROOT);
    expect(map['table:public.tasks']).toBe('schema/060_planning.sql');
    expect(map['table:public.events_default']).toBe('schema/110_events.sql');
    expect(map['type:public.task_status']).toBe('schema/060_planning.sql');
    expect(map['function:public.current_tenant']).toBe('schema/020_roles_tenancy.sql');
    // A CREATE TABLE inside a function body is not a statement of the file.
    expect(map['table:public.events_moving']).toBeUndefined();
  });
});
