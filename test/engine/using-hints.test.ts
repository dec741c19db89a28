/**
 * Column type changes PostgreSQL cannot cast: `strata diff` refuses them at the
 * column (file:line:column, hint: `-- @using …`) until the schema file says how
 * values convert; with the hint, up converts with `USING <expression>` and down
 * with `-- @using-down`, over rows that survive both ways.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryOnce } from '../../src/db/connect.js';
import { compareSnapshots, diffSnapshots } from '../../src/engine/index.js';
import { usingHints } from '../../src/source/using.js';
import { buildSnapshot, snapshotDatabase } from '../../src/state/index.js';
import { applyScript, cliSession, scratchBuilder } from './harness.js';

const build = scratchBuilder('strata_using');
const cli = cliSession('strata-using-');
const strata = cli.strata;

async function schemaDir(name: string, text: string): Promise<string> {
  const d = path.join(cli.dir, name);
  await mkdir(d, { recursive: true });
  await writeFile(path.join(d, 'events.sql'), text);
  return d;
}

const OLD = `CREATE TABLE ev (
  id int PRIMARY KEY,
  at bigint NOT NULL,
  n text
);
`;

describe('@using hints', () => {
  it('are read from the comment on the column line, up and down apart, with where the column is', async () => {
    const text = `CREATE TABLE app.ev (\n  id int,\n  at timestamptz, -- @using to_timestamp(at) @using-down extract(epoch FROM at)::bigint\n  /* @using n::int */ n int\n);\n`;
    expect(await usingHints([{ path: 'schema/ev.sql', text }])).toEqual([
      { schema: 'app', table: 'ev', column: 'at', up: 'to_timestamp(at)', down: 'extract(epoch FROM at)::bigint', location: { file: 'schema/ev.sql', line: 3, column: 3 } },
      { schema: 'app', table: 'ev', column: 'n', up: 'n::int', location: { file: 'schema/ev.sql', line: 4, column: 23 } },
    ]);
    // A hint in a string or on another line is not a hint.
    expect(await usingHints([{ path: 'x.sql', text: `CREATE TABLE t (\n  a text DEFAULT '-- @using 1'\n);\n-- @using 2\n` }])).toEqual([]);
  });

  it('strata diff refuses an uncastable type change at the column until it is given, then the down too', async () => {
    const from = await schemaDir('old', OLD);
    const bare = await schemaDir('bare', OLD.replace('at bigint', 'at timestamptz'));
    const r = await strata(['diff', '--from', from, '--to', bare]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${path.join(bare, 'events.sql')}:3:3: error: column public.ev.at: its type changes from bigint to timestamp with time zone, and PostgreSQL cannot cast type bigint to timestamp with time zone`);
    expect(r.err).toContain('hint: add `-- @using <expression>`');

    const upOnly = await schemaDir('up-only', OLD.replace('at bigint NOT NULL,', 'at timestamptz NOT NULL, -- @using to_timestamp(at)'));
    const d = await strata(['diff', '--from', from, '--to', upOnly]);
    expect(d.code).toBe(1);
    expect(d.err).toContain(':3:3: error: column public.ev.at: the down migration changes it back from timestamp with time zone to bigint');
    expect(d.err).toContain('hint: add `-- @using-down <expression>`');
  });

  it('with both hints, up and down convert every row and converge', async () => {
    const desired = OLD.replace('at bigint NOT NULL,', 'at timestamptz NOT NULL, -- @using to_timestamp(at) @using-down extract(epoch FROM at)::bigint');
    const to = await buildSnapshot({ kind: 'schemaDir', dir: await schemaDir('hinted', desired) }, { adminUrl: cli.url, external: true });
    const db = await build(OLD + `INSERT INTO ev SELECT g, 1700000000 + g * 3600, 'v' || g FROM generate_series(1, 200) g;`, 'old');
    const from = await snapshotDatabase(db.url);
    const plan = diffSnapshots(from, to);
    expect(plan.up).toContain('ALTER COLUMN at TYPE timestamp with time zone USING to_timestamp(at)');
    expect(plan.down).toContain('ALTER COLUMN at TYPE bigint USING extract(epoch FROM at)::bigint');
    const sum = async () => (await queryOnce<{ s: string; n: string }>(db.url, `SELECT sum(${'extract(epoch FROM at)'})::bigint::text AS s, count(*)::text AS n FROM ev`))[0]!;
    await applyScript(db, plan.up);
    expect(compareSnapshots(await snapshotDatabase(db.url), to)).toEqual([]);
    const converted = await sum();
    expect(converted.n).toBe('200');
    await applyScript(db, plan.down);
    expect(compareSnapshots(await snapshotDatabase(db.url), from)).toEqual([]);
    const [back] = await queryOnce<{ s: string; n: string }>(db.url, 'SELECT sum(at)::text AS s, count(*)::text AS n FROM ev');
    expect(back).toEqual(converted);
    expect(diffSnapshots(to, to).up).toBe('');
  });

  it('strata diff NAME writes nothing until the hint is there, then writes a proven pair', async () => {
    const project = path.join(cli.dir, 'project');
    await mkdir(path.join(project, 'schema'), { recursive: true });
    await writeFile(path.join(project, 'package.json'), '{}');
    await writeFile(path.join(project, 'schema', 'ev.sql'), OLD);
    expect((await strata(['diff', 'init'], project)).code).toBe(0);
    await writeFile(path.join(project, 'schema', 'ev.sql'), OLD.replace('at bigint', 'at timestamptz'));
    const refused = await strata(['diff', 'retype'], project);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/ev\.sql:3:3: error: column public\.ev\.at/);
    expect((await readdir(path.join(project, 'migrations'))).filter((f) => f.includes('retype'))).toEqual([]);
    await writeFile(path.join(project, 'schema', 'ev.sql'), OLD.replace('at bigint NOT NULL,', 'at timestamptz NOT NULL, -- @using to_timestamp(at) @using-down extract(epoch FROM at)::bigint'));
    const ok = await strata(['diff', 'retype'], project);
    expect(ok.err).toMatch(/wrote migrations\/\d{14}_retype\.up\.sql/);
    expect(ok.code).toBe(0);
    const up = (await readdir(path.join(project, 'migrations'))).find((f) => f.endsWith('_retype.up.sql'))!;
    expect(await readFile(path.join(project, 'migrations', up), 'utf8')).toContain('USING to_timestamp(at)');
  });
});
