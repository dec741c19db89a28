/**
 * Every `strata` command. Adding one is one line here:
 *
 *  *
 * The module is loaded only when its command runs (or for `--help`), so one
 * command's dependencies never slow another command down. A module may export
 * one `Command` or several (e.g. `db start`, `db stop`), under any names; a
 * lazy entry's path is the prefix its commands share. A `Command` object may
 * also be listed directly.
 */
import type { Command } from '../command.js';

export interface LazyCommands {
  /** Path prefix shared by the module's commands, e.g. `['db']`. */
  path: string[];
  summary: string;
  load(): Promise<Record<string, unknown>>;
}

export type CommandEntry = Command | LazyCommands;

export function lazy(path: string[], summary: string, load: () => Promise<Record<string, unknown>>): LazyCommands {
  return { path, summary, load };
}

export const commands: CommandEntry[] = [
  lazy(['db'], 'Run the embedded PostgreSQL cluster: start, stop, status, url, clean', () => import('./db.js')),
  lazy(['migrate'], 'Apply, roll back, check and repair migrations: up, down, status, validate, repair, hash, baseline', () => import('./migrate.js')),
  lazy(['verify'], 'Replay migrations/ on a fresh database and list what it misses of schema/', () => import('./verify.js')),
  lazy(['drift'], 'Compare a live database with its migrations and with schema/', () => import('./drift.js')),
  lazy(['diff'], 'Diff desired state against migrations (or any two states) and write the migration', () => import('./diff.js')),
  lazy(['types'], 'Generate TypeScript types for queries/ with pgtyped (--check: fail when stale)', () => import('./types.js')),
  lazy(['docs'], 'Generate the schema documentation in docs/schema/ (--check: fail when it is stale)', () => import('./docs.js')),
  lazy(['pull'], 'Write schema/ from a live database (adopting an existing database)', () => import('./pull.js')),
  lazy(['lint'], 'Check migrations, queries, access and the desired state for hazards', () => import('./lint.js')),
  lazy(['test'], 'Run the generated schema suites: constraints, RLS matrix, FK indexes, index plans, rollback', () => import('./test.js')),
  lazy(['init'], 'Lay out a new project: schema/, queries/, migrations/, test/, docs/, config, Makefile', () => import('./init.js')),
  lazy(['import'], 'Import a legacy database: import sqlite <file.db> (schema, then --data)', () => import('./import.js')),
  lazy(['backup'], 'Dump a database (pg_dump -Fc) with a manifest of its catalog and table checksums', () => import('./backup.js')),
  lazy(['restore'], 'Restore a backup into a new database and verify catalog, row counts and checksums', () => import('./restore.js')),
  lazy(['recover'], 'Point-in-time recovery into a new cluster from a base backup and a WAL archive', () => import('./recover.js')),
  lazy(['pool'], 'PgBouncer (transaction pooling) and TLS configuration for the application roles: config, userlist', () => import('./pool.js')),
  lazy(['seed'], 'Load deterministic dev data, or a scaled dataset (--scale N) for benchmarks', () => import('./seed.js')),
];
