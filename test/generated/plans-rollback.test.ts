/**
 * The generated plan and rollback suites on the reference schema: annotated
 * queries (`-- @uses`) keep their indexes and recorded plans (queries/plans.json)
 * on the seeded, analysed dataset; every migration rolls back to the previous catalog.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuites, summaryText, type SuiteResult } from '../../src/testing/index.js';
import { PROJECT_ROOT, testRun, testServer } from '../helpers/server.js';

let results: SuiteResult[];

beforeAll(async () => {
  results = await runSuites({ root: PROJECT_ROOT, server: (await testServer()).target, shared: testRun(), only: ['plans', 'rollback'] });
  console.log(summaryText(results));
  // Builds, seeds and walks whole templates: minutes on a loaded 2-core machine.
}, 600_000);

const suite = (name: string) => results.find((s) => s.suite === name)!;

describe('generated suites on the reference schema', () => {
  it('plans: every annotated query uses its index, reads no large table sequentially, and keeps its recorded plan', () => {
    const s = suite('plans');
    expect(Number(s.facts['annotated queries'])).toBeGreaterThanOrEqual(7);
    const failed = s.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.name}: ${c.reason}\n${c.detail ?? ''}`)).toEqual([]);
  });

  it('rollback: every migration goes up, down to the previous catalog, and up again', () => {
    const s = suite('rollback');
    expect(s.cases.filter((c) => c.status === 'passed').length).toBeGreaterThanOrEqual(2);
    expect(s.cases.filter((c) => c.status === 'failed').map((c) => `${c.name}: ${c.reason}\n${c.detail ?? ''}`)).toEqual([]);
  });
});
