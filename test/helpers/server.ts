/**
 * The one way tests reach PostgreSQL. With DATABASE_URL set, tests use that
 * server; otherwise they use strata's embedded cluster (src/cluster), started
 * once per run by test/helpers/global-setup.ts (or on first use when a test
 * file runs outside vitest's global setup).
 * Every test creates its own scratch databases through `scratch()` and drops them.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, resolveServer, type ServerTarget } from '../../src/cluster/index.js';

export interface ScratchDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestServer {
  /** URL of database `db` (default `postgres`) on the test server. */
  url(db?: string): string;
  /** Create an empty database with a unique name (optionally from a template; default template0). */
  scratch(opts?: { prefix?: string; template?: string }): Promise<ScratchDb>;
  /** The server as src/cluster sees it (for code that takes a ServerTarget). */
  target: ServerTarget;
}

/** Project root, where the embedded test cluster lives (`.strata/pg`). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Set by the global setup so every worker uses the cluster it started. */
export const TEST_SERVER_ENV = 'STRATA_TEST_SERVER_URL';

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(db);
  return u.toString();
}

/** Set by the global setup to its pid: harness templates with equal inputs are shared by every file of the run. */
export const TEST_RUN_ENV = 'STRATA_TEST_RUN';

/** The run id to pass as `shared` to createHarness/runSuites (undefined outside vitest's global setup). */
export function testRun(): string | undefined {
  return process.env[TEST_RUN_ENV];
}

let cached: Promise<TestServer> | undefined;

export function testServer(): Promise<TestServer> {
  cached ??= (async () => {
    const fromSetup = process.env[TEST_SERVER_ENV];
    const target: ServerTarget = fromSetup && !process.env.DATABASE_URL
      ? { adminUrl: fromSetup, external: false }
      : await resolveServer({ cwd: PROJECT_ROOT });
    return {
      target,
      url: (db = 'postgres') => withDb(target.adminUrl, db),
      async scratch(opts = {}) {
        const name = `${opts.prefix ?? 'strata_test'}_${randomBytes(5).toString('hex')}`;
        return createScratchDatabase(target, { name, template: opts.template });
      },
    };
  })();
  return cached;
}
