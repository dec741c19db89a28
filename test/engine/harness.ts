/**
 * What the engine's invariant suites share: building a state on its own scratch
 * database, applying a rendered script the way the runner would, and checking
 * that statements appear in a given order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { execOnce } from '../../src/db/connect.js';
import { NO_TRANSACTION_DIRECTIVE } from '../../src/render/index.js';
import { applyStatements } from '../../src/shadow/index.js';
import { splitStatements } from '../../src/source/index.js';
import { snapshotSession, type SnapshotSession } from '../../src/state/index.js';
import type { Snapshot } from '../../src/engine/index.js';
import { testServer, type ScratchDb } from '../helpers/server.js';

export interface CaseDb extends ScratchDb {
  /**
   * snapshotDatabase of this database on a connection kept until drop(): the second snapshot of a
   * case (after its script) finds the server's catalog caches warm.
   */
  snapshot(): Promise<Snapshot>;
}

/**
 * A builder whose databases are dropped after the calling test file (or earlier, by their drop(),
 * which also closes their snapshot connection: a case can release its databases when it ends).
 */
export function scratchBuilder(prefix: string): (sql: string, label: string) => Promise<CaseDb> {
  const dbs = new Set<CaseDb>();
  afterAll(async () => {
    await Promise.all([...dbs].map((d) => d.drop()));
  });
  return async (sql, label) => {
    const server = await testServer();
    const db = await server.scratch({ prefix });
    let session: SnapshotSession | undefined;
    const caseDb: CaseDb = {
      name: db.name,
      url: db.url,
      snapshot: () => (session ??= snapshotSession(db.url)).snapshot(),
      async drop() {
        dbs.delete(caseDb);
        await session?.close();
        session = undefined;
        await db.drop();
      },
    };
    dbs.add(caseDb);
    await applyStatements(db.url, await splitStatements({ path: `${label}.sql`, text: sql }));
    return caseDb;
  };
}

/**
 * One transaction, or statement by statement when the script carries the no-transaction directive,
 * on one connection either way.
 */
export async function applyScript(db: ScratchDb, script: string): Promise<void> {
  if (!script.trim()) return;
  if (!script.startsWith(NO_TRANSACTION_DIRECTIVE)) return execOnce(db.url, script);
  const statements = await splitStatements({ path: 'script.sql', text: script });
  const client = new pg.Client({ connectionString: db.url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const s of statements) await client.query(s.sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Each fragment occurs in `script`, after the previous one. */
export function expectInOrder(script: string, fragments: readonly string[]): void {
  let at = 0;
  for (const f of fragments) {
    const i = script.indexOf(f, at);
    expect(i, `"${f}" after offset ${at} in:\n${script}`).toBeGreaterThanOrEqual(0);
    at = i + f.length;
  }
}

export interface CliSession {
  /** A temporary folder of the calling test file, removed after it. */
  readonly dir: string;
  /** The test server's admin URL. */
  readonly url: string;
  /** The CLI entry point in-process, on the test server, with its output captured. */
  strata(args: string[], cwd?: string): Promise<{ code: number; out: string; err: string }>;
}

/** `strata` run in-process against the test server, from a temporary folder kept for the calling test file. */
export function cliSession(prefix: string): CliSession {
  let dir = '';
  let url = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    url = (await testServer()).url();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get url() {
      return url;
    },
    async strata(args, cwd = dir) {
      let out = '';
      let err = '';
      const code = await main([...args, '--database-url', url], { out: (t) => void (out += t), err: (t) => void (err += t), cwd, isTTY: false });
      return { code, out, err };
    },
  };
}
