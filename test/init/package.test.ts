/**
 * strata as a dependency: `npm pack` the repository, install the tarball into a
 * fresh project outside it, and run the daily workflow there through `npx strata`
 * with the project's own embedded cluster in its own .strata/. Nothing may reach
 * back into the strata checkout: the project sits in the OS temp directory and
 * DATABASE_URL / STRATA_CLUSTER_DIR are removed from the environment.
 */
import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

const base = mkdtempSync(path.join(tmpdir(), 'strata-pkg-'));
const project = path.join(base, 'app');
const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
delete env.DATABASE_URL;
delete env.STRATA_CLUSTER_DIR;
delete env.STRATA_NO_BUNDLE;
for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS') delete env[k];
// What an outer `make test ARGS=...` passes down would reach the project's own make.
for (const k of ['MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES', 'ARGS', 'NAME']) delete env[k];

function sh(cmd: string, args: string[], cwd = project, extra: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ok(cmd: string, args: string[], cwd = project, extra: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const r = await sh(cmd, args, cwd, extra);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

// `npx strata` for init, as a user types it; then the installed bin directly (npx adds a second of npm start-up and eats --verbose).
const npxStrata = (...args: string[]) => ok('npx', ['--no', 'strata', ...args]);
const strata = (...args: string[]) => ok(path.join(project, 'node_modules', '.bin', 'strata'), args);

let packed: string[] = [];
let installed = false;

/**
 * Seed the project with what `npm install` of the tarball resolves, taken from the repository's own
 * install: a package-lock.json holding the repository lockfile's non-dev entries (so npm reads the tree
 * from it instead of fetching every dependency's metadata from the registry, which a fresh CI machine
 * has not cached) and those packages copied from the repository's node_modules (so npm does not gunzip
 * 185 MB of tarballs again). strata itself still comes from the tarball, and npm still checks the tree
 * against the tarball's package.json: a dependency the package does not declare is pruned (dev entries
 * are not copied), one it declares but the lockfile lacks is fetched.
 */
async function seedProject(tarball: string): Promise<void> {
  const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Record<string, unknown> & { dev?: boolean; devOptional?: boolean }>;
  };
  const root = lock.packages['']!;
  const spec = `file:${path.relative(project, tarball)}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', version: '1.0.0', dependencies: { strata: spec } },
    'node_modules/strata': { version: root.version, resolved: spec, license: root.license, dependencies: root.dependencies, optionalDependencies: root.optionalDependencies, bin: root.bin, engines: root.engines },
  };
  const topLevel: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/') || entry.dev) continue;
    // devOptional: needed by a dev and by an optional dependency; for the installed package only the latter.
    const { devOptional, ...rest } = entry;
    packages[key] = devOptional ? { ...rest, optional: true } : rest;
    if (key.lastIndexOf('node_modules/') === 0 && existsSync(path.join(PROJECT_ROOT, key))) topLevel.push(key);
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { strata: spec } }, null, 2));
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  // cp -a: one process, modes and symlinks kept; grouped by destination folder (scoped packages).
  // -l hard-links the files instead of writing 590 MB (most of it optional packages npm then prunes):
  // npm replaces or unlinks files, never writes into them, and scripts do not run (--ignore-scripts).
  const flags = canHardLink(base) ? '-al' : '-a';
  const byParent = new Map<string, string[]>();
  for (const key of topLevel) {
    const parent = path.dirname(path.join(project, key));
    byParent.set(parent, [...(byParent.get(parent) ?? []), path.join(PROJECT_ROOT, key)]);
  }
  for (const [parent, sources] of byParent) {
    await ok('mkdir', ['-p', parent], base);
    await ok('cp', [flags, ...sources, parent + '/'], base);
  }
}

/** Whether `dir` is on the repository's filesystem (a hard link from there works), else copies are made. */
function canHardLink(dir: string): boolean {
  const probe = path.join(dir, 'link-probe');
  try {
    linkSync(path.join(PROJECT_ROOT, 'package-lock.json'), probe);
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const pack = await ok('npm', ['pack', '--json', '--pack-destination', base], PROJECT_ROOT);
  const info = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info[0]!.files.map((f) => f.path);
  await ok('mkdir', ['-p', project], base);
  const tarball = path.join(base, info[0]!.filename);
  await seedProject(tarball);
  // The install a user types; --prefer-offline: anything not seeded comes from npm's cache when it is there.
  // --ignore-scripts: the seeded packages already ran theirs in the repository (and npm 11 runs none that
  // the app's package.json does not allow), and a script could write into a file shared with the repository.
  await ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball]);
  installed = true;
}, 600_000);

afterAll(async () => {
  if (installed && existsSync(path.join(project, '.strata', 'pg'))) await sh('npx', ['--no', 'strata', 'db', 'stop', '--remove']);
  rmSync(base, { recursive: true, force: true });
}, 120_000);

describe('strata installed from its npm tarball', () => {
  it('ships the toolkit only: bin/ and src/, no tests, schema, migrations or cluster data of the repository', () => {
    expect(packed).toContain('bin/strata.js');
    expect(packed).toContain('bin/build.js');
    expect(packed).toContain('src/cli/main.ts');
    const foreign = packed.filter((p) => /^(test|schema|migrations|queries|seed|docs|bench|scripts|examples|\.strata|node_modules)\//.test(p) || p.endsWith('.test.ts'));
    expect(foreign).toEqual([]);
  });

  it('runs the daily workflow in a project outside the repository', async () => {
    expect(path.relative(PROJECT_ROOT, project).startsWith('..')).toBe(true);
    const init = await npxStrata('init');
    expect(init.stdout).toMatch(/npx strata diff initial/);
    writeFileSync(
      path.join(project, 'schema', '001_notes.sql'),
      `CREATE TABLE notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (title <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE notes IS 'Notes written by users.';
`,
    );
    writeFileSync(path.join(project, 'queries', 'notes.sql'), `/* @name listNotes */\nSELECT id, title FROM notes ORDER BY id;\n`);

    const diff = await strata('diff', 'initial');
    expect(diff.stdout).toMatch(/CREATE TABLE public\.notes/);
    const files = readdirSync(path.join(project, 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{14}_initial\.down\.sql$/);
    expect(existsSync(path.join(project, 'migrations', 'atlas.sum'))).toBe(true);
    expect((await strata('diff')).stdout).toBe('no changes\n');

    expect((await strata('migrate', 'up')).stdout).toMatch(/applied \d{14}_initial/);
    expect((await strata('migrate', 'status')).stdout).toMatch(/initial/);
    await strata('types');
    expect(readFileSync(path.join(project, 'queries', 'notes.queries.ts'), 'utf8')).toMatch(/export interface IListNotesResult/);
    await strata('types', '--check');

    // The project's own cluster, inside the project.
    const status = await strata('db', 'status');
    expect(status.stdout).toContain(path.join(project, '.strata', 'pg'));

    // The generated Makefile drives the same CLI.
    expect((await ok('make', ['status'])).stdout).toMatch(/initial/);

    // Commands other helpers add (test, lint, docs) run here as soon as the CLI lists them.
    const help = (await strata('--help')).stdout;
    const listed = new Set([...help.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!));
    const absent: string[] = [];
    for (const verb of ['test', 'lint', 'docs']) {
      if (!listed.has(verb)) {
        absent.push(verb);
        continue;
      }
      const r = await sh(path.join(project, 'node_modules', '.bin', 'strata'), [verb]);
      expect({ verb, code: r.code, stderr: r.stderr }).toEqual({ verb, code: 0, stderr: expect.any(String) });
    }
    if (absent.length) console.log(`strata ${absent.join(', ')}: not in \`strata --help\` on this branch, so not run in the installed project`);

    // Down and up again from the installed package.
    expect((await strata('migrate', 'down')).stdout).toMatch(/initial/);
    expect((await strata('migrate', 'up')).stdout).toMatch(/initial/);
  }, 600_000);

  it('falls back to running from source when the package directory cannot hold the CLI bundle', async () => {
    const pkg = path.join(project, 'node_modules', 'strata');
    // A file where the bundle's folder goes fails the build exactly as a read-only directory does.
    rmSync(path.join(pkg, '.strata'), { recursive: true, force: true });
    writeFileSync(path.join(pkg, '.strata'), 'not a directory\n');
    const r = await strata('--verbose', 'migrate', 'status');
    expect(r.stderr).toMatch(/running from source through tsx/);
    expect(r.stdout).toMatch(/initial/);
    rmSync(path.join(pkg, '.strata'), { force: true });
  }, 300_000);
});
