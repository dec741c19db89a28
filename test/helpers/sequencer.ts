/**
 * Longest test files first, so the workers finish together instead of one of them starting a
 * 40-second file when the other has nothing left. Durations come from vitest's results cache
 * (the last run in this checkout); a checkout without one (a fresh clone, CI) falls back to
 * ESTIMATES, measured on the 2-core development machine (idle, 2026-12-02). Files known to
 * neither run last, larger first, as vitest's own sequencer orders unknown files.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per file on a cold cache; only files of 3 s or more matter for the order. */
export const ESTIMATES: Record<string, number> = {
  'test/engine/invariants.test.ts': 44,
  'test/init/package.test.ts': 42,
  'test/docs/reference.test.ts': 37,
  'test/conformance/harness.test.ts': 35,
  'test/examples/voxfoundry.test.ts': 34,
  'test/online/online.test.ts': 33,
  'test/engine/view-function-trigger.test.ts': 30,
  'test/state/proof.test.ts': 28,
  'test/foundation/typecheck.test.ts': 27,
  'test/lint/cli.test.ts': 20,
  'test/engine/security-types-partitions.test.ts': 20,
  'test/schema/types.test.ts': 18,
  'test/engine/unmanaged-cli.test.ts': 18,
  'test/foundation/cluster.test.ts': 17,
  'test/engine/diff-command.test.ts': 16,
  'test/generated/plans-rollback.test.ts': 15,
  'test/runner/runner.test.ts': 14,
  'test/lint/reference.test.ts': 14,
  'test/schema/cli.test.ts': 13,
  'test/runner/processes.test.ts': 12,
  'test/engine/secrets-cli.test.ts': 12,
  'test/engine/using-hints.test.ts': 11,
  'test/state/verify.test.ts': 11,
  'test/engine/hardening.test.ts': 9,
  'test/adopt/baseline.test.ts': 9,
  'test/adopt/pull.test.ts': 8,
  'test/adopt/filter.test.ts': 8,
  'test/testing/cli.test.ts': 7,
  'test/backup/pitr.test.ts': 7,
  'test/scaling/replication.test.ts': 6,
  'test/foundation/scratch.test.ts': 6,
  'test/testing/rollback-plans.test.ts': 6,
  'test/generated/schema-suites.test.ts': 6,
  'test/engine/project-state.test.ts': 5,
  'test/backup/backup.test.ts': 5,
  'test/engine/owner-diff-command.test.ts': 5,
  'test/engine/reference-schema.test.ts': 4,
  'test/engine/owner-reference-schema.test.ts': 4,
  'test/schema/seed.test.ts': 4,
  'test/adopt/table-renames.test.ts': 4,
  'test/import/sqlite.test.ts': 4,
  'test/engine/roles.test.ts': 3,
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
