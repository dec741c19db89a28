/**
 * Longest test files first, so the workers finish together instead of one of them starting a
 * 40-second file when the other has nothing left. Durations come from vitest's results cache
 * (the last run in this checkout); a checkout without one (a fresh clone, CI) falls back to
 * ESTIMATES, measured on the 2-core development machine (idle, 2026-12-02, `npx vitest run
 * --reporter=json`). Files known to neither run last, larger first, as vitest's own sequencer orders
 * unknown files.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per file on a cold cache; only files of 3 s or more matter for the order. */
export const ESTIMATES: Record<string, number> = {
  'test/init/package.test.ts': 48,
  'test/engine/invariants.test.ts': 30,
  'test/docs/reference.test.ts': 26,
  'test/conformance/harness.test.ts': 26,
  'test/online/online.test.ts': 25,
  'test/examples/voxfoundry.test.ts': 24,
  'test/lint/reference.test.ts': 19,
  'test/state/proof.test.ts': 18,
  'test/engine/view-function-trigger.test.ts': 13,
  'test/schema/types.test.ts': 6,
  'test/lint/cli.test.ts': 11,
  'test/runner/runner.test.ts': 11,
  'test/engine/security-types-partitions.test.ts': 10,
  'test/schema/cli.test.ts': 10,
  'test/engine/diff-command.test.ts': 9,
  'test/engine/unmanaged-cli.test.ts': 9,
  'test/adopt/baseline.test.ts': 8,
  'test/adopt/filter.test.ts': 7,
  'test/engine/secrets-cli.test.ts': 7,
  'test/engine/using-hints.test.ts': 7,
  'test/foundation/cluster.test.ts': 7,
  'test/backup/backup.test.ts': 6,
  'test/adopt/pull.test.ts': 6,
  'test/bench/seeded-forward.test.ts': 6,
  'test/engine/hardening.test.ts': 6,
  'test/runner/processes.test.ts': 6,
  'test/state/verify.test.ts': 6,
  'test/foundation/scratch.test.ts': 5,
  'test/scaling/replication.test.ts': 5,
  'test/engine/reference-schema.test.ts': 4,
  'test/schema/seed.test.ts': 4,
  'test/runner/atlas.test.ts': 4,
  'test/backup/pitr.test.ts': 3,
  'test/adopt/table-renames.test.ts': 3,
  'test/engine/owner-reference-schema.test.ts': 3,
  'test/import/sqlite.test.ts': 3,
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
