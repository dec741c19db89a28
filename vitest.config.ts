import { defineConfig } from 'vitest/config';
import LongestFirst from './test/helpers/sequencer.js';

// Tests that touch PostgreSQL share one embedded cluster per run (started by the
// global setup unless DATABASE_URL is set); files run in parallel workers but
// each test creates its own scratch databases.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Three on two cores: a worker often waits on PostgreSQL, a child process or a file copy, so two left
    // CPU idle (idle machine, 879 tests: 2 workers 365 s, 3 workers 292 s, 4 workers 324 s).
    maxWorkers: 3,
    // A worker process runs file after file without re-importing src/ for each (about 1.5 s a file on this
    // machine). Safe because no test leaves process state behind: env edits are restored, pools closed.
    isolate: false,
    // Longest files first (test/helpers/sequencer.ts), so the two workers end together.
    sequence: { sequencer: LongestFirst },
  },
});
