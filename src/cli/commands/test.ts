/**
 * `strata test [--only <suite>[,<suite>]] [--json] [--junit FILE] [--update-plans]`:
 * the generated suites (constraints, rls, fk-indexes, plans, rollback) on the
 * project's own schema, enumerated from its catalog.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../command.js';
import { usageError } from '../../core/diagnostic.js';
import { resolveServer } from '../../cluster/index.js';
import { SUITES, counts, failedAny, junitXml, runSuites, summaryText, type SuiteName } from '../../testing/index.js';

export const testCommand: Command = {
  path: ['test'],
  summary: 'Run the generated schema suites: constraints, RLS matrix, FK indexes, index plans, rollback',
  usage: '[--only constraints|rls|fk-indexes|plans|rollback] [--json] [--junit FILE] [--update-plans]',
  description: `Builds the project's migrations on a template database (seeded with the project's seed), clones it,
and runs suites generated from the catalog:
  constraints  a valid row is accepted; a row breaking one CHECK/FK/UNIQUE/EXCLUDE/NOT NULL is rejected
               with the expected SQLSTATE and constraint name ("not generated" with the reason otherwise)
  rls          every RLS table x tenancy role x SELECT/INSERT/UPDATE/DELETE x own/other/no tenant: 0 leaks
  fk-indexes   every foreign key has an index leading with its columns
  plans        queries annotated "-- @uses <index>" use it on the seeded, analysed dataset, scan no large
               table sequentially, and keep the plan recorded in queries/plans.json (--update-plans)
  rollback     per migration: up -> down gives the previous catalog, up -> down -> up gives up, rows kept
Exits 1 when any case fails.`,
  options: {
    only: { type: 'string', valueName: '<suites>', description: `comma-separated suites (${SUITES.join(', ')})` },
    junit: { type: 'string', valueName: '<file>', description: 'also write a JUnit XML report' },
    'update-plans': { type: 'boolean', description: 'record the current plans of annotated queries instead of comparing' },
    'list-not-generated': { type: 'boolean', description: 'list every case that could not be generated, with its reason' },
  },
  positionals: { max: 0 },
  async run(ctx) {
    const only = ((ctx.options.only as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of only) if (!(SUITES as readonly string[]).includes(s)) throw usageError(`unknown suite "${s}"`, `suites: ${SUITES.join(', ')}`);
    const server = await resolveServer({ cwd: ctx.cwd, databaseUrl: ctx.options['database-url'] as string | undefined });
    const results = await runSuites({
      root: ctx.cwd,
      server,
      only: only as SuiteName[],
      updatePlans: Boolean(ctx.options['update-plans']),
      onProgress: ctx.progress ? (m) => ctx.err(`  ${m}\n`) : undefined,
    });
    const junit = ctx.options.junit as string | undefined;
    if (junit) await writeFile(path.resolve(ctx.cwd, junit), junitXml(results));
    if (ctx.json) {
      ctx.out(JSON.stringify({ ok: !failedAny(results), suites: results.map((s) => ({ ...s, ...counts(s) })) }, null, 2) + '\n');
    } else {
      ctx.out(summaryText(results, { listNotGenerated: Boolean(ctx.options['list-not-generated']) }));
    }
    return failedAny(results) ? 1 : 0;
  },
};
