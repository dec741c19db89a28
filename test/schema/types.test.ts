/**
 * A broken query must fail generation, naming its file and query. That the committed
 * `queries/*.queries.ts` are what pgtyped generates is proved once, through the CLI (test/schema/cli.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScratchDb } from '../helpers/server.js';
import { generateQueryTypes, pgtypedDiagnostics, TypegenError } from '../../src/typegen/index.js';
import { ROOT, schemaDb } from './fixture.js';

let db: ScratchDb;

beforeAll(async () => {
  db = await schemaDb();
});

afterAll(async () => {
  await db?.drop();
});

describe('typed queries', () => {
  it('fails, naming the file and query, when a query does not type (pgtyped itself exits 0)', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'strata-types-test-'));
    try {
      await cp(path.join(ROOT, 'pgtyped.config.json'), path.join(work, 'pgtyped.config.json'));
      await cp(path.join(ROOT, 'queries', 'events.sql'), path.join(work, 'queries', 'events.sql'), { recursive: true });
      await writeFile(path.join(work, 'queries', 'broken.sql'), `/* @name Broken */\nSELECT no_such_column FROM projects WHERE id = :id!;\n`);
      const err = await generateQueryTypes(work, db.url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TypegenError);
      const diags = (err as TypegenError).diagnostics;
      expect(diags).toHaveLength(1);
      expect(diags[0]!.message).toBe(`queries/broken.sql: query 'Broken' failed to type`);
      expect(diags[0]!.detail).toMatch(/no_such_column/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('attributes annotation parse errors to the file pgtyped names after them', () => {
    const out = [
      'Processing queries/a.sql',
      'Processing queries/b.sql',
      'Errors:',
      "- (3:0) Parse error: extraneous input 'SELECT' expecting '/*'",
      'Skipped queries/b.sql: no changes or no queries detected',
      'Saved 2 query types from queries/a.sql to queries/a.queries.ts',
    ].join('\n');
    const { parse, serverErrors } = pgtypedDiagnostics(out, 'queries');
    expect(serverErrors).toEqual([]);
    expect(parse).toEqual([
      expect.objectContaining({ subject: 'queries/b.sql', location: { file: 'queries/b.sql', line: 3, column: 1 } }),
    ]);
  });
});
