/**
 * The generated suites (what `strata test` runs) on this repository's own
 * reference schema: constraints, the RLS matrix and FK indexes on a clone of the
 * seeded template. Every case is a vitest test, so a failure names the case and
 * its statement; the counts guard against a suite that silently generates nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuites, summaryText, type SuiteResult } from '../../src/testing/index.js';
import { PROJECT_ROOT, testRun, testServer } from '../helpers/server.js';

let results: SuiteResult[];

beforeAll(async () => {
  results = await runSuites({ root: PROJECT_ROOT, server: (await testServer()).target, shared: testRun(), only: ['constraints', 'rls', 'fk-indexes'] });
  console.log(summaryText(results));
  // Builds, seeds and walks whole templates: minutes on a loaded 2-core machine.
}, 600_000);

const suite = (name: string) => results.find((s) => s.suite === name)!;

describe('generated suites on the reference schema', () => {
  it('constraints: every generated case passes, and most constraints are generated', () => {
    const s = suite('constraints');
    const failed = s.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.name}: ${c.reason}\n  ${c.statement ?? ''}`)).toEqual([]);
    expect(s.cases.filter((c) => c.status === 'passed').length).toBeGreaterThan(400);
    // Every "not generated" case says why.
    for (const c of s.cases.filter((x) => x.status === 'not generated')) expect(c.reason, c.name).toBeTruthy();
  });

  it('rls: no leak in the matrix, RLS forced on every tenant table, every tenant policy reads the tenant', () => {
    const s = suite('rls');
    expect(s.facts.leaks).toBe(0);
    expect(Number(s.facts['matrix cells'])).toBeGreaterThan(800);
    // Own-tenant writes the tenant-only policies admit reached their row (a blocked one would be a failed case).
    expect(Number(s.facts['own-tenant writes checked'])).toBeGreaterThan(100);
    const failed = s.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.name}: ${c.reason}`)).toEqual([]);
  });

  it('fk-indexes: every foreign key has an index leading with its columns', () => {
    const s = suite('fk-indexes');
    expect(s.cases.length).toBeGreaterThan(60);
    expect(s.cases.filter((c) => c.status === 'failed').map((c) => c.reason)).toEqual([]);
  });
});
