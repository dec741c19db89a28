/**
 * What the engine's invariant suites share: building a state on its own scratch
 * database, applying a rendered script the way the runner would, and checking
 * that statements appear in a given order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { execOnce } from '../../src/db/connect.js';
import { NO_TRANSACTION_DIRECTIVE } from '../../src/render/index.js';
import { applyStatements } from '../../src/shadow/index.js';
import { splitStatements } from '../../src/source/index.js';
import { testServer, type ScratchDb } from '../helpers/server.js';

/** A builder whose databases are dropped after the calling test file. */
export function scratchBuilder(prefix: string): (sql: string, label: string) => Promise<ScratchDb> {
  const dbs: ScratchDb[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });
  return async (sql, label) => {
    const server = await testServer();
    const db = await server.scratch({ prefix });
    dbs.push(db);
    await applyStatements(db.url, await splitStatements({ path: `${label}.sql`, text: sql }));
    return db;
  };
}

/** One transaction, or statement by statement when the script carries the no-transaction directive. */
export async function applyScript(db: ScratchDb, script: string): Promise<void> {
  if (!script.trim()) return;
  if (!script.startsWith(NO_TRANSACTION_DIRECTIVE)) return execOnce(db.url, script);
  for (const s of await splitStatements({ path: 'script.sql', text: script })) await execOnce(db.url, s.sql);
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
