import { defineConfig } from 'vitest/config';

// Tests that touch PostgreSQL share one embedded cluster per run; files run in
// parallel workers but each test creates its own scratch databases.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
