/** `strata test` through the CLI entry point on the fixture project: summary, JSON, JUnit, exit codes. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { testServer } from '../helpers/server.js';
import { fixtureProject, type FixtureProject } from './fixture.js';

let project: FixtureProject;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd: project.root, isTTY: false, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  project = await fixtureProject();
});
afterAll(() => project?.remove());

describe('strata test', () => {
  it('prints the summary table and the failures with their statement, exits 1, and writes JUnit', async () => {
    const server = await testServer();
    const r = await run(['test', '--only', 'fk-indexes,rls', '--junit', 'report.xml', '--database-url', server.url()]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^suite\s+generated\s+passed\s+failed\s+not generated\s+time\n/);
    expect(r.out).toMatch(/\nrls\s+\d+\s+\d+\s+\d+\s+\d+/);
    // No seed in this project: the synthesised tenants find the leaks of the tables built to leak.
    expect(r.out).toMatch(/rls: RLS tables 4, matrix cells 48, leaks [1-9]\d*/);
    expect(r.out).toMatch(/FAIL \[fk-indexes\] public\.leaky leaky_org_id_fkey \(org_id\) has an index\n.*\n  statement: CREATE INDEX ON public\.leaky \(org_id\)/);
    const xml = await readFile(path.join(project.root, 'report.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="fk-indexes" tests="\d+" failures="1"/);
  });

  it('--json gives the counts per suite; an unknown suite is a usage error', async () => {
    const server = await testServer();
    const r = await run(['test', '--only', 'fk-indexes', '--json', '--database-url', server.url()]);
    const report = JSON.parse(r.out) as { ok: boolean; suites: { suite: string; generated: number; failed: number }[] };
    expect(report.ok).toBe(false);
    expect(report.suites).toEqual([expect.objectContaining({ suite: 'fk-indexes', generated: 3, failed: 1 })]);
    const bad = await run(['test', '--only', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown suite "nope"/);
  });
});
