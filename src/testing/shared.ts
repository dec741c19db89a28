/**
 * Templates shared by every process of one test run: a harness built with `shared: runId` builds its
 * template once per distinct input (state source files, seed files and profile, base date) and every
 * other test file of the run clones the same one. Parallel workers serialise the build on an advisory
 * lock; the template is published (its metadata file written) only when complete, and nobody stays
 * connected to it afterwards, so concurrent CREATE DATABASE ... TEMPLATE clones never collide.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createScratchDatabase, databaseUrl, SCRATCH_PREFIX, type ServerTarget } from '../cluster/index.js';
import { adminQuery } from '../db/admin.js';
import type { Snapshot } from '../core/model/index.js';
import type { SeedResult } from '../seed/index.js';

export interface TemplateMeta {
  snapshot: Snapshot;
  seeded: SeedResult | undefined;
}

const TAG = 'tpl_';

function metaDir(): string {
  return path.join(os.tmpdir(), 'strata-templates');
}

/** sha256 over the relative paths and contents of every file under `p` (a file or a folder), in name order. */
export async function hashInputs(hash: ReturnType<typeof createHash>, p: string): Promise<void> {
  const entries = await readdir(p, { withFileTypes: true, recursive: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOTDIR') return undefined;
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  if (!entries) {
    hash.update(`file\0${await readFile(p)}\0`);
    return;
  }
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(p, path.join(e.parentPath, e.name))).sort();
  for (const f of files) hash.update(`${f}\0${await readFile(path.join(p, f))}\0`);
}

/** The database name of a shared template: the run id sits where the dropLeftoverScratch sweep looks for a pid. */
function templateName(runId: string, key: string): string {
  return `${SCRATCH_PREFIX}${TAG}${key.slice(0, 12)}_${runId}_${key.slice(12, 20)}`;
}

/**
 * The template for `key` in run `runId`: built by `build` (on the database it is given: empty, or a
 * clone of template `from`) if no
 * process of the run has built it yet, otherwise the one already built.
 */
export async function sharedTemplate(
  server: ServerTarget,
  runId: string,
  key: string,
  build: (url: string) => Promise<TemplateMeta>,
  from?: string,
): Promise<{ name: string; meta: TemplateMeta }> {
  if (!/^\d+$/.test(runId)) throw new Error(`shared template run id must be a process id, got "${runId}"`);
  const name = templateName(runId, key);
  const metaFile = path.join(metaDir(), `${name}.json`);
  const lock = new pg.Client({ connectionString: server.adminUrl });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    const exists = (await lock.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    const published = exists ? await readFile(metaFile, 'utf8').catch(() => undefined) : undefined;
    if (published) return { name, meta: JSON.parse(published) as TemplateMeta };
    // A database without its metadata is a build that died half-way: start again.
    if (exists) await lock.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    const db = await createScratchDatabase(server, { name, keep: true, template: from });
    try {
      const meta = await build(databaseUrl(server.adminUrl, name));
      await mkdir(metaDir(), { recursive: true });
      await writeFile(metaFile, JSON.stringify(meta));
      return { name, meta };
    } catch (e) {
      await db.drop().catch(() => undefined);
      throw e;
    }
  } finally {
    await lock.end().catch(() => undefined);
  }
}

/** Drop every shared template of run `runId` and its metadata (the end of a test run). */
export async function dropSharedTemplates(server: ServerTarget, runId: string): Promise<number> {
  const rows = await adminQuery<{ datname: string }>(
    server.adminUrl,
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname LIKE $2`,
    [SCRATCH_PREFIX + TAG, `%\\_${runId}\\_%`],
  );
  for (const r of rows) {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
    await rm(path.join(metaDir(), `${r.datname}.json`), { force: true });
  }
  return rows.length;
}
