/** The lint config section and the suppression comment syntax (no database needed). */
import { expect, it } from 'vitest';
import { DEFAULT_LINT_CONFIG, lintConfigFrom, RULE_IDS } from '../../src/lint/index.js';
import { statementInfos } from '../../src/lint-run/index.js';

it('validates the lint section: rule ids, settings, naming patterns, comment kinds', () => {
  expect(lintConfigFrom(undefined, RULE_IDS)).toBe(DEFAULT_LINT_CONFIG);
  const c = lintConfigFrom({ rules: { 'varchar-length': 'off', 'squawk/prefer-identity': 'error' }, naming: { index: '^idx_' }, comments: ['table'], squawk: { exclude: ['prefer-identity'] } }, RULE_IDS);
  expect(c).toMatchObject({ rules: { 'varchar-length': 'off', 'squawk/prefer-identity': 'error' }, comments: ['table'], squawk: { exclude: ['prefer-identity'] } });
  expect(c.naming.index).toBe('^idx_');
  expect(c.naming.table).toBe(DEFAULT_LINT_CONFIG.naming.table);
  for (const [bad, message] of [
    [{ rules: { nope: 'error' } }, 'unknown rule "nope"'],
    [{ rules: { destructive: 'fatal' } }, 'must be off, info, warning or error'],
    [{ naming: { table: '(' } }, 'not a valid regular expression'],
    [{ naming: { trigger: 'x' } }, 'unknown naming kind'],
    [{ comments: ['index'] }, '"comments" must be a list'],
    [{ colour: true }, 'unknown key "colour"'],
  ] as const) {
    expect(() => lintConfigFrom(bad, RULE_IDS), message).toThrow(message);
  }
});

it('attaches -- strata:ignore comments to the statement they precede or trail', async () => {
  const text = `-- header\nCREATE TABLE a (id int);\n-- strata:ignore destructive old data, archived\n/* unrelated */\nDROP TABLE b;\nDROP TABLE c; -- strata:ignore destructive\nSELECT 1;\n`;
  const s = await statementInfos(text, 'm.up.sql');
  expect(s.map((x) => [x.line, x.kind, x.suppressions.map((y) => [y.rule, y.reason])])).toEqual([
    [2, 'CreateStmt', []],
    [5, 'DropStmt', [['destructive', 'old data, archived']]],
    [6, 'DropStmt', [['destructive', '']]],
    [7, 'SelectStmt', []],
  ]);
  expect(s[1]!.relations).toEqual(['relation:public.b']);
});

it('docs/lint-rules.md has a section with a bad and a good example for every rule id', async () => {
  const { readFile } = await import('node:fs/promises');
  const { PROJECT_ROOT } = await import('../helpers/server.js');
  const doc = await readFile(`${PROJECT_ROOT}/docs/lint-rules.md`, 'utf8');
  const sections = new Map(doc.split(/^## /m).slice(1).map((s) => [s.slice(0, s.indexOf('\n')).trim(), s]));
  for (const id of [...RULE_IDS, 'squawk']) {
    const s = sections.get(id);
    expect(s, `section ## ${id}`).toBeDefined();
    expect(s, `${id}: bad example`).toMatch(/Bad/);
    expect(s, `${id}: good example`).toMatch(/Good/);
  }
});
