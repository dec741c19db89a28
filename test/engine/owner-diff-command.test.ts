/**
 * `strata diff --include-ownership`: owners are left out of a diff unless the flag
 * asks for them, through the CLI entry point.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { execOnce } from '../../src/db/connect.js';
import { testServer } from '../helpers/server.js';

let dir: string;
let url: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-e2b-cli-'));
  url = (await testServer()).url();
  await execOnce(
    url,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_e2b_owner') THEN CREATE ROLE strata_e2b_owner NOLOGIN; END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function strata(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--database-url', url], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: dir, isTTY: false });
  return { code, out, err };
}

it('prints ALTER ... OWNER TO only with --include-ownership', async () => {
  await writeFile(path.join(dir, 'a.sql'), 'CREATE TABLE t (a int);\n');
  await writeFile(path.join(dir, 'b.sql'), 'CREATE TABLE t (a int);\nALTER TABLE t OWNER TO strata_e2b_owner;\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\n');
  const without = await strata(['diff', '--from', 'a.sql', '--to', 'b.sql']);
  expect(without).toMatchObject({ code: 0, out: 'ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\n' });
  const withOwners = await strata(['diff', '--from', 'a.sql', '--to', 'b.sql', '--include-ownership']);
  expect(withOwners.code).toBe(0);
  expect(withOwners.out).toBe('ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\nALTER TABLE public.t OWNER TO strata_e2b_owner;\n');
  const down = await strata(['diff', '--from', 'a.sql', '--to', 'b.sql', '--include-ownership', '--down']);
  expect(down.out).toContain('ALTER TABLE public.t DISABLE ROW LEVEL SECURITY;\nALTER TABLE public.t OWNER TO ');
}, 60_000);
