/**
 * The one way tests reach PostgreSQL. With DATABASE_URL set, tests use that
 * server; otherwise they use strata's embedded cluster (src/cluster).
 * Every test creates its own scratch databases through `scratch()` and drops them.
 */
import { randomBytes } from 'node:crypto';
import { execOnce } from '../../src/db/connect.js';

export interface ScratchDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestServer {
  /** URL of database `db` (default `postgres`) on the test server. */
  url(db?: string): string;
  /** Create an empty database with a unique name (optionally from a template). */
  scratch(opts?: { prefix?: string; template?: string }): Promise<ScratchDb>;
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

let cached: Promise<TestServer> | undefined;

export function testServer(): Promise<TestServer> {
  cached ??= (async () => {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('testServer: DATABASE_URL is not set and the embedded cluster is not wired in yet');
    return {
      url: (db = 'postgres') => withDb(base, db),
      async scratch(opts = {}) {
        const name = `${opts.prefix ?? 'strata_test'}_${randomBytes(5).toString('hex')}`;
        const tmpl = opts.template ? ` TEMPLATE "${opts.template}"` : '';
        await execOnce(withDb(base, 'postgres'), `CREATE DATABASE "${name}"${tmpl}`);
        return {
          name,
          url: withDb(base, name),
          async drop() {
            await execOnce(withDb(base, 'postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          },
        };
      },
    };
  })();
  return cached;
}
