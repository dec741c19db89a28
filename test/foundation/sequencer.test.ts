/**
 * The test-file order of test/helpers/sequencer.ts: cached durations first, estimates on a cold
 * cache, unknown files last by size, so the longest files start first on every worker.
 */
import path from 'node:path';
import type { TestSpecification } from 'vitest/node';
import { describe, expect, it } from 'vitest';
import LongestFirst, { ESTIMATES } from '../helpers/sequencer.js';
import { PROJECT_ROOT } from '../helpers/server.js';

function sequencer(cached: Record<string, number>) {
  const ctx = {
    config: { root: PROJECT_ROOT },
    cache: { getFileTestResults: (key: string) => (key.slice(1) in cached ? { duration: cached[key.slice(1)]!, failed: false } : undefined) },
  };
  return new LongestFirst(ctx as never);
}

const spec = (rel: string) => ({ moduleId: path.join(PROJECT_ROOT, rel), project: { name: '' } }) as unknown as TestSpecification;
const order = async (s: LongestFirst, rels: string[]) => (await s.sort(rels.map(spec))).map((x) => path.relative(PROJECT_ROOT, x.moduleId));

describe('longest-first sequencer', () => {
  const files = ['test/core/ids.test.ts', 'test/engine/invariants.test.ts', 'test/architecture.test.ts', 'test/init/package.test.ts', 'test/state/proof.test.ts'];

  it('orders by the estimates on a cold cache, files without one last, larger first', async () => {
    const estimated = files.filter((f) => f in ESTIMATES).sort((a, b) => ESTIMATES[b]! - ESTIMATES[a]!);
    expect(estimated).toHaveLength(3);
    expect(await order(sequencer({}), files)).toEqual([
      ...estimated,
      // no estimate: by size (architecture.test.ts is the larger file)
      'test/architecture.test.ts',
      'test/core/ids.test.ts',
    ]);
  });

  it('prefers the durations of the last run over the estimates', async () => {
    const s = sequencer({ 'test/core/ids.test.ts': 90_000, 'test/init/package.test.ts': 1_000 });
    expect(await order(s, files)).toEqual([
      'test/core/ids.test.ts',
      'test/engine/invariants.test.ts',
      'test/state/proof.test.ts',
      'test/init/package.test.ts',
      'test/architecture.test.ts',
    ]);
  });
});
