/**
 * Objects strata does not model are never silent: `strata diff`, `verify` and
 * `drift` name each one as a warning, and --strict turns them into errors
 * (exit 1, nothing written).
 */
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { execOnce } from '../../src/db/connect.js';
import { testServer, type ScratchDb } from '../helpers/server.js';

let dir: string;
let url: string;
let live: ScratchDb;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-unmanaged-'));
  const server = await testServer();
  url = server.url();
  live = await server.scratch({ prefix: 'strata_unm' });
  await mkdir(path.join(dir, 'schema'), { recursive: true });
  await writeFile(path.join(dir, 'package.json'), '{}');
  await writeFile(
    path.join(dir, 'schema', 'app.sql'),
    'CREATE TABLE t (id int PRIMARY KEY, body text);\nCREATE TYPE app_shell;\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await live?.drop();
});

async function strata(args: string[], databaseUrl = url): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--database-url', databaseUrl], { out: (t) => void (out += t), err: (t) => void (err += t), cwd: dir, isTTY: false });
  return { code, out, err };
}

const WARNING = 'warning: not managed: shell type public.app_shell\n';
const ERROR = 'error: not managed: shell type public.app_shell\n';

describe('not managed objects', () => {
  it('strata diff warns and still plans; --strict fails and writes nothing', async () => {
    const plain = await strata(['diff']);
    expect(plain.code).toBe(0);
    expect(plain.err).toContain(WARNING);
    expect(plain.err).toContain('hint: strata does not model these kinds (docs/coverage.md)');
    expect(plain.out).toContain('CREATE TABLE public.t (');

    const json = await strata(['diff', '--json']);
    expect(JSON.parse(json.out).unmanaged).toEqual([{ kind: 'shell type', name: 'public.app_shell' }]);

    const strict = await strata(['diff', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(ERROR);
    expect(strict.out).toBe('');

    const named = await strata(['diff', 'init', '--strict']);
    expect(named.code).toBe(1);
    expect(named.err).toContain(ERROR);
    expect(await readdir(dir)).not.toContain('migrations');

    const written = await strata(['diff', 'init']);
    expect(written.code).toBe(0);
    expect(written.err).toContain(WARNING);
    expect((await readdir(path.join(dir, 'migrations'))).filter((f) => f.endsWith('.up.sql'))).toHaveLength(1);
  });

  it('strata verify warns; --strict fails', async () => {
    const plain = await strata(['verify']);
    expect(plain).toMatchObject({ code: 0, out: 'ok: the migrations build exactly the desired state\n' });
    expect(plain.err).toContain(WARNING);
    const strict = await strata(['verify', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(ERROR);
  });

  it('strata drift warns about what the live database holds beyond the model; --strict fails', async () => {
    expect((await strata(['migrate', 'up'], live.url)).code).toBe(0);
    await execOnce(live.url, 'CREATE TYPE public.live_shell');
    const plain = await strata(['drift'], live.url);
    expect(plain.err).toContain('warning: not managed: shell type public.live_shell\n');
    expect(plain.out).toContain('no drift from the desired state');
    expect(plain.code).toBe(0);
    const strict = await strata(['drift', '--strict'], live.url);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('error: not managed: shell type public.live_shell\n');
  });
});
