/**
 * Longest test files first, so the workers finish together instead of one of them starting a
 * 40-second file when the other has nothing left. Durations come from vitest's results cache
 * (the last run in this checkout); a checkout without one (a fresh clone, CI) falls back to
 * ESTIMATES, taken from that cache (whole files, hooks included: the JSON reporter's file times
 * leave out beforeAll) after `bash .ci/run` in a fresh clone on the 2-core development machine,
 * 2026-12-03. Files known to neither run last, larger first, as vitest's own sequencer orders
 * unknown files.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per file in a fresh clone; only files of 3 s or more matter for the order. */
export const ESTIMATES: Record<string, number> = {
  'test/init/package.test.ts': 64,
  'test/conformance/harness.test.ts': 29,
  'test/engine/invariants.test.ts': 29,
  'test/docs/reference.test.ts': 27,
  'test/online/online.test.ts': 27,
  'test/examples/voxfoundry.test.ts': 18,
  'test/state/proof.test.ts': 16,
  'test/generated/plans-rollback.test.ts': 13,
  'test/lint/cli.test.ts': 12,
  'test/runner/runner.test.ts': 12,
  'test/engine/view-function-trigger.test.ts': 11,
  'test/foundation/cluster.test.ts': 10,
  'test/engine/security-types-partitions.test.ts': 9,
  'test/lint/reference.test.ts': 9,
  'test/backup/backup.test.ts': 8,
  'test/runner/processes.test.ts': 8,
  'test/scaling/replication.test.ts': 8,
  'test/engine/hardening.test.ts': 7,
  'test/lint/rules.test.ts': 7,
  'test/schema/cli.test.ts': 7,
  'test/adopt/baseline.test.ts': 6,
  'test/bench/seeded-forward.test.ts': 6,
  'test/engine/unmanaged-cli.test.ts': 6,
  'test/foundation/typecheck.test.ts': 6,
  'test/backup/pitr.test.ts': 5,
  'test/engine/diff-command.test.ts': 5,
  'test/engine/secrets-cli.test.ts': 5,
  'test/foundation/scratch.test.ts': 5,
  'test/lint/down-narrowing.test.ts': 5,
  'test/runner/atlas.test.ts': 5,
  'test/schema/seed.test.ts': 5,
  'test/testing/rollback-plans.test.ts': 5,
  'test/adopt/filter.test.ts': 4,
  'test/adopt/pull.test.ts': 4,
  'test/engine/coverage.test.ts': 4,
  'test/engine/using-hints.test.ts': 4,
  'test/generated/schema-suites.test.ts': 4,
  'test/import/sqlite.test.ts': 4,
  'test/schema/types.test.ts': 4,
  'test/docs/browse.test.ts': 3,
  'test/encryption/leak.test.ts': 3,
  'test/engine/reference-schema.test.ts': 3,
  'test/state/verify.test.ts': 3,
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification): [number, number] => {
      const rel = path.relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${rel}`)?.duration;
      const known = cached ?? (ESTIMATES[rel] === undefined ? undefined : ESTIMATES[rel] * 1000);
      if (known !== undefined) return [1, known];
      let size = 0;
      try {
        size = statSync(spec.moduleId).size;
      } catch {
        // a file vitest lists but cannot stat sorts last
      }
      return [0, size];
    };
    const keyed = files.map((spec) => ({ spec, w: weight(spec) }));
    keyed.sort((a, b) => b.w[0] - a.w[0] || b.w[1] - a.w[1]);
    return keyed.map((k) => k.spec);
  }
}
