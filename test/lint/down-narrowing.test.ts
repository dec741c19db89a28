/**
 * Rule down-narrowing honours the conversion a migration carries: `strata diff NAME` writes a widening whose
 * down converts one column with its `-- @using-down` hint and narrows another with the plain cast; lint (which
 * replans from the states, where no hint survives) reads the down file's parsed statements and warns only about
 * the column without a conversion.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { lint, lintConfigFrom, RULE_IDS, type LintResult } from '../../src/lint/index.js';
import { gatherLintInput, statementInfos } from '../../src/lint-run/index.js';
import { cliSession } from '../engine/harness.js';
import { testServer } from '../helpers/server.js';

const cli = cliSession('strata-down-narrowing-');

const BEFORE = `CREATE TABLE items (
  id integer PRIMARY KEY,
  code varchar(5),
  qty integer
);
`;
const AFTER = `CREATE TABLE items (
  id integer PRIMARY KEY,
  code text, -- @using-down left(code, 5)
  qty bigint
);
`;

let project: string;
let downFile: string;
let result: LintResult;

beforeAll(async () => {
  project = path.join(cli.dir, 'project');
  await mkdir(path.join(project, 'schema'), { recursive: true });
  await writeFile(path.join(project, 'package.json'), '{}');
  await writeFile(path.join(project, 'schema', 'items.sql'), BEFORE);
  expect((await cli.strata(['diff', 'init'], project)).code).toBe(0);
  await writeFile(path.join(project, 'schema', 'items.sql'), AFTER);
  const widen = await cli.strata(['diff', 'widen'], project);
  expect(widen.err).toMatch(/wrote migrations\/\d{14}_widen\.up\.sql/);
  downFile = (await readdir(path.join(project, 'migrations'))).find((f) => f.endsWith('_widen.down.sql'))!;
  const config = await loadConfig(project);
  const lintConfig = lintConfigFrom(config.section('lint'), RULE_IDS);
  const gathered = await gatherLintInput({ project: config, lint: lintConfig, server: (await testServer()).target, selection: { kind: 'all' }, schema: false });
  result = lint(gathered.input, lintConfig);
}, 300_000);

describe('down-narrowing and @using-down', () => {
  it('the generated down converts the hinted column with its expression and the other with the plain cast', async () => {
    const down = await readFile(path.join(project, 'migrations', downFile), 'utf8');
    expect(down).toContain('ALTER COLUMN code TYPE character varying(5) USING left(code, 5)');
    expect(down).toContain('ALTER COLUMN qty TYPE integer USING qty::integer');
  });

  it('warns about the widened column without a hint only', () => {
    const found = result.findings.filter((f) => f.rule === 'down-narrowing');
    expect(found.map((f) => [f.subject, f.suppressed ?? null])).toEqual([['column:public.items.qty', null]]);
    expect(found[0]!.message).toContain('widens public.items.qty from integer to bigint');
  });
});

describe('statement facts: column type changes and their USING', () => {
  it('tells no USING, a plain cast of the column and a conversion apart', async () => {
    const text = `ALTER TABLE items ALTER COLUMN a TYPE int, ALTER COLUMN b TYPE int USING b::int;
ALTER TABLE app."Items" ALTER COLUMN "C" TYPE app.e USING "C"::text::app.e, ALTER "D" TYPE varchar(5) USING left("D", 5);
ALTER TABLE items ALTER COLUMN e TYPE int USING least(e, 2147483647)::int, ALTER COLUMN f TYPE int USING g::int;
ALTER TABLE items ALTER COLUMN h SET NOT NULL;
`;
    const infos = await statementInfos(text, 'm.down.sql');
    expect(infos.map((s) => s.typeChanges)).toEqual([
      [{ column: 'column:public.items.a', conversion: 'none' }, { column: 'column:public.items.b', conversion: 'cast' }],
      [{ column: 'column:app."Items"."C"', conversion: 'cast' }, { column: 'column:app."Items"."D"', conversion: 'expression' }],
      [{ column: 'column:public.items.e', conversion: 'expression' }, { column: 'column:public.items.f', conversion: 'expression' }],
      [],
    ]);
  });
});
