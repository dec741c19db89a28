/** The repository's own reference schema, migrations and queries pass `strata lint --all` with zero errors. */
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { lint, lintConfigFrom, RULE_IDS } from '../../src/lint/index.js';
import { gatherLintInput } from '../../src/lint-run/index.js';
import { PROJECT_ROOT, testServer } from '../helpers/server.js';

it('strata lint --all on the reference project: zero errors', async () => {
  const project = await loadConfig(PROJECT_ROOT);
  const config = lintConfigFrom(project.section('lint'), RULE_IDS);
  const g = await gatherLintInput({ project, lint: config, server: (await testServer()).target, selection: { kind: 'all' } });
  const r = lint(g.input, config);
  expect(g.versions.length).toBeGreaterThan(0);
  expect(g.input.schema).not.toBeNull();
  expect(r.findings.filter((f) => f.severity === 'error' && !f.suppressed)).toEqual([]);
  // Every query typed against the migrations' final state.
  expect(g.input.migrations.at(-1)!.queriesAfter!.filter((q) => q.error !== null)).toEqual([]);
}, 300_000);
