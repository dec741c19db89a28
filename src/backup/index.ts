/**
 * Logical backup and verified restore.
 *
 * `backup` runs `pg_dump -Fc` inside a snapshot exported by a repeatable-read
 * transaction and computes, in that same snapshot, every table's row count and
 * checksum (./checksum.ts). It writes the dump and a manifest beside it
 * (`FILE.json`): the source's catalog Snapshot and fingerprint (src/state), the
 * table checksums and the dump's sha256. So the manifest describes exactly the
 * rows in the dump, and `restore` verifies without the source being reachable.
 *
 * `restore` creates a NEW database (never overwrites one), runs `pg_restore` in
 * one transaction, then compares the restored database with the manifest (or
 * with a live source): catalog through `listDifferences`, rows through counts
 * and checksums.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, redact } from '../cluster/index.js';
import { StrataError, usageError } from '../core/diagnostic.js';
import type { Snapshot } from '../core/model/index.js';
import type { Queryable } from '../core/queryable.js';
import { pgDiagnostic } from '../db/errors.js';
import { listDifferences, type Difference } from '../diff/index.js';
import { fingerprint, snapshotDatabase } from '../state/index.js';
import { dataRelations, STABLE_OUTPUT, tableChecksums, type TableChecksum } from './checksum.js';
import { findTool, type FoundTool, type ToolSearch } from './tools.js';

export { findTool, listTools, type FoundTool, type ToolSearch } from './tools.js';
export { tableChecksum, tableChecksums, type TableChecksum } from './checksum.js';

export const MANIFEST_FORMAT = 'strata-backup/1';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  source: { database: string; server: string; serverVersion: number; encoding: string };
  pgDump: { path: string; major: number };
  dump: { file: string; bytes: number; sha256: string };
  /** `fingerprint(snapshot)` from src/state: equal fingerprints, equal schemas. */
  fingerprint: string;
  snapshot: Snapshot;
  tables: TableChecksum[];
}

export interface Progress {
  /** A finished step and its duration. */
  onStep?: (label: string, ms: number) => void;
  /** A table checksummed (`index` of `total`). */
  onTable?: (t: TableChecksum, index: number, total: number) => void;
}

/** Where the manifest of dump `file` lives. */
export function manifestPath(file: string): string {
  return `${file}.json`;
}

// ---------------------------------------------------------------------------
// connections and child processes

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'strata backup' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new StrataError({
      code: 'db.connect',
      severity: 'error',
      subject: redact(url),
      message: `cannot connect to ${redact(url)}: ${(e as Error).message}`,
      hint: 'check --database-url / DATABASE_URL, or start the dev cluster with `strata db start`',
    });
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function asQueryable(c: pg.Client): Queryable {
  return { query: async (text, params) => (await c.query(text, params as unknown[])).rows };
}

async function serverMajor(c: pg.Client): Promise<number> {
  const { rows } = await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(rows[0]!.v) / 10000);
}

/** `--dbname=URL` without the password, which goes in PGPASSWORD so it never shows in the process list. */
function connection(url: string): { arg: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { arg: `--dbname=${u.toString()}`, env };
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr, stdout }));
  });
}

function tail(text: string, lines = 8): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

async function timed<T>(p: Progress, label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  p.onStep?.(label, performance.now() - t0);
  return out;
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

// ---------------------------------------------------------------------------
// backup

export interface BackupOptions extends Progress, ToolSearch {
  /** Database to dump. */
  url: string;
  /** Dump file to write (custom format); the manifest goes to `<output>.json`. */
  output: string;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: Manifest;
  elapsedMs: number;
}

/** Checksums of a database's data, in one consistent snapshot; `during` runs while that snapshot is held. */
async function checksumsInSnapshot(
  client: pg.Client,
  snapshot: Snapshot,
  p: Progress,
  during?: (snapshotId: string) => Promise<void>,
): Promise<TableChecksum[]> {
  const db = asQueryable(client);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const s of STABLE_OUTPUT) await client.query(s);
    const id = during ? (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id : undefined;
    // pg_dump reads the exported snapshot while the checksums run on the same one.
    const dumping = during && id ? during(id) : Promise.resolve();
    dumping.catch(() => undefined);
    const sums = await timed(p, 'checksum tables', async () => tableChecksums(db, await dataRelations(db, snapshot), p.onTable));
    await dumping;
    await client.query('COMMIT');
    return sums;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export async function backup(opts: BackupOptions): Promise<BackupResult> {
  const t0 = performance.now();
  const output = path.resolve(opts.output);
  const dir = path.dirname(output);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat?.isDirectory()) throw usageError(`cannot write ${opts.output}: ${dir} is not a directory`, 'create the folder first or choose another --output');
  return withClient(opts.url, async (client) => {
    const major = await serverMajor(client);
    const tool = findTool('pg_dump', major, opts);
    const info = (
      await client.query<{ database: string; encoding: string }>(
        'SELECT current_database() AS database, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()',
      )
    ).rows[0]!;
    const snapshot = await timed(opts, 'snapshot catalog', () => snapshotDatabase(opts.url));
    const partial = `${output}.partial`;
    let tables: TableChecksum[];
    try {
      tables = await checksumsInSnapshot(client, snapshot, opts, (id) => timed(opts, 'pg_dump', () => dump(tool, opts.url, id, partial)));
      await rename(partial, output);
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    }
    // The catalog snapshot was read before the dump's snapshot: a migration in between would make the manifest lie.
    const after = fingerprint(await timed(opts, 're-check catalog', () => snapshotDatabase(opts.url)));
    if (after !== fingerprint(snapshot)) {
      await rm(output, { force: true });
      throw new StrataError({
        code: 'backup.concurrent-ddl',
        severity: 'error',
        subject: redact(opts.url),
        message: 'the schema changed while the backup ran (a migration?); nothing was written',
        hint: 'run the backup again once the migration has finished',
      });
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt: new Date().toISOString(),
      source: { database: info.database, server: redact(databaseUrl(opts.url, 'postgres')), serverVersion: snapshot.serverVersion, encoding: info.encoding },
      pgDump: { path: tool.path, major: tool.major },
      dump: { file: path.basename(output), bytes: (await stat(output)).size, sha256: await sha256File(output) },
      fingerprint: fingerprint(snapshot),
      snapshot,
      tables,
    };
    const manifestFile = manifestPath(output);
    await writeFile(manifestFile, JSON.stringify(manifest, null, 1) + '\n');
    return { file: output, manifestFile, manifest, elapsedMs: performance.now() - t0 };
  });
}

async function dump(tool: FoundTool, url: string, snapshotId: string, file: string): Promise<void> {
  const c = connection(url);
  const r = await run(tool.path, ['--format=custom', `--snapshot=${snapshotId}`, '--no-password', `--file=${file}`, c.arg], c.env);
  if (r.code !== 0) {
    throw new StrataError({
      code: 'backup.dump',
      severity: 'error',
      subject: tool.path,
      message: `pg_dump failed (exit ${r.code}): ${tail(r.stderr, 1)}`,
      detail: tail(r.stderr),
      hint: 'the role needs read access to every table (and its sequences); see the detail above',
    });
  }
}

// ---------------------------------------------------------------------------
// restore and verification

export interface TableResult {
  table: string;
  status: 'ok' | 'missing' | 'extra' | 'rows' | 'checksum';
  expected?: { rows: number; checksum: string };
  actual?: { rows: number; checksum: string };
}

export interface Verification {
  ok: boolean;
  /** What the expected state is: the manifest, or a live source database. */
  against: 'manifest' | 'source';
  fingerprint: { expected: string; actual: string };
  catalog: Difference[];
  tables: TableResult[];
}

export interface RestoreOptions extends Progress, ToolSearch {
  file: string;
  /** Admin URL of the server to restore on (database `postgres`, rights to CREATE DATABASE). */
  serverUrl: string;
  /** Name of the new database. */
  into: string;
  /** Verify against this live database instead of the manifest. */
  sourceUrl?: string;
  /** Skip verification (no manifest and no source). */
  verify?: boolean;
}

export interface RestoreResult {
  database: string;
  url: string;
  pgRestore: FoundTool;
  verification?: Verification;
  elapsedMs: number;
}

/** Read and check the manifest of `file`: undefined when there is none; throws when it is unreadable or the dump does not match it. */
export async function readManifest(file: string): Promise<Manifest | undefined> {
  const mf = manifestPath(file);
  let text: string;
  try {
    text = await readFile(mf, 'utf8');
  } catch {
    return undefined;
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch (e) {
    throw corrupt(mf, `the manifest ${mf} is not valid JSON: ${(e as Error).message}`);
  }
  if (m.format !== MANIFEST_FORMAT || !m.snapshot || !Array.isArray(m.tables)) throw corrupt(mf, `${mf} is not a strata backup manifest (format ${String(m.format)})`);
  const sum = await sha256File(file);
  if (sum !== m.dump.sha256) {
    throw corrupt(file, `${file} does not match its manifest: sha256 ${sum.slice(0, 12)}…, the backup wrote ${m.dump.sha256.slice(0, 12)}… (${m.dump.bytes} bytes)`);
  }
  return m;
}

function corrupt(subject: string, message: string, detail?: string): StrataError {
  return new StrataError({
    code: 'backup.corrupt',
    severity: 'error',
    subject,
    message,
    detail,
    hint: 'the file was changed or truncated after the backup; restore from another copy',
  });
}

async function databaseExists(c: pg.Client, name: string): Promise<boolean> {
  return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0;
}

function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** The absolute path of an existing dump file; a usage error otherwise. */
export async function checkDumpFile(file: string): Promise<string> {
  const abs = path.resolve(file);
  const st = await stat(abs).catch(() => undefined);
  if (!st?.isFile()) throw usageError(`no such dump file: ${file}`, 'pass the file `strata backup --output FILE` wrote');
  return abs;
}

export async function restore(opts: RestoreOptions): Promise<RestoreResult> {
  const t0 = performance.now();
  const file = await checkDumpFile(opts.file);
  const verify = opts.verify ?? true;
  const manifest = await timed(opts, 'check dump', () => readManifest(file));
  if (verify && !manifest && !opts.sourceUrl) {
    throw new StrataError({
      code: 'backup.no-manifest',
      severity: 'error',
      subject: manifestPath(file),
      message: `${path.basename(file)} has no manifest (${path.basename(manifestPath(file))}) to verify the restore against`,
      hint: 'keep the .json file `strata backup` writes beside the dump, pass --source URL to verify against the live database, or --no-verify',
    });
  }
  return withClient(opts.serverUrl, async (admin) => {
    const tool = findTool('pg_restore', await serverMajor(admin), opts);
    // The archive's table of contents: a file that is not a dump fails here, before any database exists.
    const toc = await run(tool.path, ['--list', file], process.env);
    if (toc.code !== 0) throw corrupt(file, `${opts.file} is not a readable pg_dump archive: ${tail(toc.stderr, 1)}`, tail(toc.stderr));
    if (await databaseExists(admin, opts.into)) {
      throw new StrataError({
        code: 'backup.target-exists',
        severity: 'error',
        subject: opts.into,
        message: `database "${opts.into}" already exists; restore only ever creates a new database`,
        hint: 'choose another name with --into NAME (or drop the old one yourself)',
      });
    }
    const encoding = manifest?.source.encoding ? ` ENCODING ${quoteLiteral(manifest.source.encoding)}` : '';
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(opts.into)} TEMPLATE template0${encoding}`);
    } catch (e) {
      const d = pgDiagnostic(e, { code: 'backup.restore', subject: opts.into });
      throw d ? new StrataError(d) : e;
    }
    const url = databaseUrl(opts.serverUrl, opts.into);
    const c = connection(url);
    const r = await timed(opts, 'pg_restore', () =>
      run(tool.path, ['--exit-on-error', '--single-transaction', '--no-password', c.arg, file], c.env),
    );
    if (r.code !== 0) {
      // The database is ours and holds nothing (the restore was one transaction): leave nothing behind.
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(opts.into)} WITH (FORCE)`).catch(() => undefined);
      const damaged = /could not read|unexpected end of file|corrupt|invalid|did not find magic string|could not uncompress/i.test(r.stderr);
      if (damaged) throw corrupt(file, `pg_restore could not read ${opts.file}: ${tail(r.stderr, 1)}`, tail(r.stderr));
      throw new StrataError({
        code: 'backup.restore',
        severity: 'error',
        subject: file,
        message: `pg_restore failed (exit ${r.code}): ${tail(r.stderr, 1)}`,
        detail: tail(r.stderr),
        hint: 'roles are global and not in a dump: create the roles the dump grants to first (pg_dumpall --roles-only)',
      });
    }
    let verification: Verification | undefined;
    if (verify) {
      const expected = opts.sourceUrl ? await timed(opts, 'read source', () => measure(opts.sourceUrl!, opts)) : { snapshot: manifest!.snapshot, tables: manifest!.tables };
      verification = await verifyAgainst(url, expected, opts.sourceUrl ? 'source' : 'manifest', opts);
    }
    return { database: opts.into, url, pgRestore: tool, verification, elapsedMs: performance.now() - t0 };
  });
}

function quoteLiteral(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/** A database's catalog snapshot and table checksums (one snapshot for the checksums). */
export async function measure(url: string, p: Progress = {}): Promise<{ snapshot: Snapshot; tables: TableChecksum[] }> {
  const snapshot = await snapshotDatabase(url);
  const tables = await withClient(url, (c) => checksumsInSnapshot(c, snapshot, p));
  return { snapshot, tables };
}

/** Compare database `url` with an expected catalog and table checksums. */
export async function verifyAgainst(
  url: string,
  expected: { snapshot: Snapshot; tables: TableChecksum[] },
  against: Verification['against'],
  p: Progress = {},
): Promise<Verification> {
  const actual = await timed(p, 'verify', () => measure(url, p));
  const catalog = listDifferences(expected.snapshot, actual.snapshot);
  const tables = compareTables(expected.tables, actual.tables);
  return {
    ok: catalog.length === 0 && tables.every((t) => t.status === 'ok'),
    against,
    fingerprint: { expected: fingerprint(expected.snapshot), actual: fingerprint(actual.snapshot) },
    catalog,
    tables,
  };
}

/** Per table: equal, missing, extra, a different row count, or the same count with different rows. Pure. */
export function compareTables(expected: readonly TableChecksum[], actual: readonly TableChecksum[]): TableResult[] {
  const a = new Map(actual.map((t) => [t.table, t]));
  const e = new Map(expected.map((t) => [t.table, t]));
  const names = [...new Set([...e.keys(), ...a.keys()])].sort();
  return names.map((table) => {
    const x = e.get(table);
    const y = a.get(table);
    const pick = (t: TableChecksum | undefined) => (t ? { rows: t.rows, checksum: t.checksum } : undefined);
    const status: TableResult['status'] = !y ? 'missing' : !x ? 'extra' : x.rows !== y.rows ? 'rows' : x.checksum !== y.checksum ? 'checksum' : 'ok';
    return { table, status, expected: pick(x), actual: pick(y) };
  });
}
