/**
 * Throwaway projects (schema/ + migrations/) driven through the in-process CLI, for the
 * proof and online tests: the test server, cleanups run after each test, `strata`, and
 * `project`. `initialised` hands out a project whose migrations/ holds what `strata diff init`
 * wrote for that schema: init runs (and is asserted) once per schema per file, and every
 * later project gets a copy of its files, since init of one schema is the same state each time.
 */
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { ServerTarget } from '../../src/cluster/index.js';
import { tempDir } from '../runner/helpers.js';
import { testServer } from './server.js';

export interface Project {
  root: string;
  /** migrations/ */
  dir: string;
  schemaDir: string;
}

export interface ProjectSession {
  readonly server: ServerTarget;
  /** The test server's admin URL, passed as --database-url unless a test gives another. */
  readonly url: string;
  /** Run (last first) after each test. */
  cleanups: (() => Promise<void>)[];
  strata(args: string[], cwd: string, databaseUrl?: string): Promise<{ code: number; out: string; err: string }>;
  /** A project with schema/app.sql and the given migration files (`strata migrate hash` run when there are any). */
  project(schema: string, migrations?: Record<string, string>): Promise<Project>;
  /** A project with schema/app.sql and migrations/ as `strata diff init` writes it for that schema. */
  initialised(schema: string): Promise<Project>;
}

export function projectSession(): ProjectSession {
  let server!: ServerTarget;
  let url = '';
  const cleanups: (() => Promise<void>)[] = [];
  // Outlive the test that made them: later tests copy from them. Removed with the temp folder's other
  // projects when the file ends (a cleanup of the first test would take them away from the rest).
  const inits = new Map<string, Promise<Project>>();
  const keep: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const t = await testServer();
    server = t.target;
    url = t.url();
    return async () => {
      for (const r of keep.splice(0)) await r();
    };
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function strata(args: string[], cwd: string, databaseUrl = url) {
    let out = '';
    let err = '';
    const code = await main([...args, '--database-url', databaseUrl], { out: (t) => void (out += t), err: (t) => void (err += t), cwd, isTTY: false });
    return { code, out, err };
  }

  async function make(schema: string, migrations: Record<string, string>, onRemove: (r: () => Promise<void>) => void): Promise<Project> {
    const d = await tempDir({});
    onRemove(d.remove);
    await mkdir(path.join(d.dir, 'schema'));
    await mkdir(path.join(d.dir, 'migrations'));
    await d.write('schema/app.sql', schema);
    for (const [n, t] of Object.entries(migrations)) await d.write(`migrations/${n}`, t);
    if (Object.keys(migrations).length) expect((await strata(['migrate', 'hash'], d.dir)).code).toBe(0);
    return { root: d.dir, dir: path.join(d.dir, 'migrations'), schemaDir: path.join(d.dir, 'schema') };
  }

  return {
    get server() {
      return server;
    },
    get url() {
      return url;
    },
    cleanups,
    strata,
    project: (schema, migrations = {}) => make(schema, migrations, (r) => cleanups.push(r)),
    async initialised(schema) {
      let init = inits.get(schema);
      if (!init) {
        init = (async () => {
          const p = await make(schema, {}, (r) => keep.push(r));
          const r = await strata(['diff', 'init'], p.root);
          expect(r.code).toBe(0);
          return p;
        })();
        inits.set(schema, init);
        init.catch(() => inits.delete(schema));
      }
      const from = await init;
      const p = await make(schema, {}, (r) => cleanups.push(r));
      await cp(from.dir, p.dir, { recursive: true });
      return p;
    },
  };
}
