/**
 * Desired-state loading: statements located by file:line:column; syntax errors
 * caught by the parser before anything runs; apply errors pinned to file:line
 * with PostgreSQL's message and SQLSTATE.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrataError } from '../../src/core/diagnostic.js';
import { buildSnapshot as loadSnapshot, snapshotDatabase } from '../../src/state/index.js';
import { applyStatements } from '../../src/shadow/index.js';
import { listSqlFiles, splitStatements } from '../../src/source/index.js';
import { errorPosition, errorSite } from '../../src/core/location.js';
import { testServer } from '../helpers/server.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'strata-eng-src-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function caught(p: Promise<unknown>): Promise<StrataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StrataError) return e;
    throw e;
  }
  throw new Error('expected a StrataError');
}

describe('error location mapper', () => {
  it('maps a position inside a statement to file line and column, with numbered lines and a caret', () => {
    // The statement starts at line 10, column 5 of its file (after another statement on that line).
    const stmt = { text: 'SELECT a,\n  b frm t', file: 'f.sql', line: 10, column: 5 };
    const site = errorSite(stmt, stmt.text.indexOf('frm'));
    expect(site.location).toEqual({ file: 'f.sql', line: 11, column: 5 });
    expect(site.excerpt).toBe(['10 |     SELECT a,', '11 |   b frm t', '   |     ^'].join('\n'));
    // On the statement's first line the column is offset by where the statement starts.
    expect(errorSite(stmt, 7).location).toEqual({ file: 'f.sql', line: 10, column: 12 });
    expect(errorSite(stmt, 7).excerpt.split('\n')[1]).toBe('   |            ^');
  });

  it('points at the statement start without a position, and clamps one past the end', () => {
    const stmt = { text: 'DROP TABLE x', file: 'f.sql', line: 3, column: 1 };
    expect(errorSite(stmt, errorPosition(new Error('no position')))).toEqual({ location: { file: 'f.sql', line: 3, column: 1 }, excerpt: '3 | DROP TABLE x\n  | ^' });
    expect(errorSite(stmt, 99).location.column).toBe(13);
    expect(errorPosition({ position: '8' })).toBe(7);
  });

  it('shows at most three lines before and two after the caret line', () => {
    const text = Array.from({ length: 10 }, (_, i) => `l${i + 1}`).join('\n');
    const site = errorSite({ text, file: 'f.sql', line: 1, column: 1 }, text.indexOf('l6'));
    expect(site.excerpt.split('\n').map((l) => l.split(' |')[0]!.trim()).filter(Boolean)).toEqual(['3', '4', '5', '6', '7', '8']);
  });
});

describe('source', () => {
  it('splits statements and locates each by line and column, skipping comments and multibyte text correctly', async () => {
    const text = `-- héllo wörld\nCREATE TABLE é (a int);\n\n  /* c */ CREATE INDEX ON é (a);\nSELECT 'x;y';`;
    const stmts = await splitStatements({ path: 'a.sql', text });
    expect(stmts.map((s) => [s.sql, s.line, s.column, s.nodeType])).toEqual([
      ['CREATE TABLE é (a int)', 2, 1, 'CreateStmt'],
      ['CREATE INDEX ON é (a)', 4, 11, 'IndexStmt'],
      ["SELECT 'x;y'", 5, 1, 'SelectStmt'],
    ]);
    expect(await splitStatements({ path: 'empty.sql', text: '-- nothing here\n' })).toEqual([]);
  });

  it('reports a syntax error at file:line:column with the statement and a caret', async () => {
    const text = 'CREATE TABLE a (id int);\nCREATE TABLE b (\n  id int,\n  name text frm\n);\n';
    const err = await caught(splitStatements({ path: 'schema/b.sql', text }));
    expect(err.diagnostic).toMatchObject({ code: 'source.syntax', location: { file: 'schema/b.sql', line: 4, column: 13 } });
    expect(err.message).toBe('syntax error at or near "frm"');
    expect(err.diagnostic.detail).toContain('CREATE TABLE b (');
    expect(err.diagnostic.detail).not.toContain('CREATE TABLE a');
    expect(err.diagnostic.detail).toMatch(/4 \|   name text frm\n\s+\| {13}\^/);
  });

  it('lists *.sql recursively in path order', async () => {
    await mkdir(path.join(dir, 'tree', 'b'), { recursive: true });
    await writeFile(path.join(dir, 'tree', 'b', '01.sql'), '');
    await writeFile(path.join(dir, 'tree', 'a.sql'), '');
    await writeFile(path.join(dir, 'tree', 'c.sql'), '');
    await writeFile(path.join(dir, 'tree', 'notes.txt'), '');
    const files = (await listSqlFiles(path.join(dir, 'tree'))).map((f) => path.relative(path.join(dir, 'tree'), f));
    expect(files).toEqual(['a.sql', path.join('b', '01.sql'), 'c.sql']);
  });
});

describe('shadow apply', () => {
  it('pins a database error to file:line:column with message and SQLSTATE', async () => {
    const server = await testServer();
    const db = await server.scratch({ prefix: 'strata_eng' });
    try {
      const stmts = await splitStatements({
        path: 'schema/x.sql',
        text: 'CREATE TABLE a (id int);\n\nCREATE TABLE b (\n  id int DEFAULT nope()\n);\nCREATE TABLE c (id int REFERENCES missing);\n',
      });
      const err = await caught(applyStatements(db.url, stmts));
      expect(err.diagnostic).toMatchObject({
        code: 'shadow.apply',
        sqlstate: '42883',
        message: 'function nope() does not exist',
        location: { file: 'schema/x.sql', line: 4, column: 18 },
      });
      expect(err.diagnostic.hint).toMatch(/function/i);
      expect(err.diagnostic.detail).toBe(['3 | CREATE TABLE b (', '4 |   id int DEFAULT nope()', '  |                  ^', '5 | )'].join('\n'));
      // An error without a position points at the statement.
      const later = await caught(applyStatements(db.url, stmts.filter((s) => s.sql.startsWith('CREATE TABLE c'))));
      expect(later.diagnostic).toMatchObject({ sqlstate: '42P01', location: { file: 'schema/x.sql', line: 6, column: 1 } });
    } finally {
      await db.drop();
    }
  });

  it('applies a BEGIN ATOMIC body of several statements as one statement, and a failing file leaves nothing behind', async () => {
    const server = await testServer();
    const db = await server.scratch({ prefix: 'strata_eng' });
    try {
      const text = [
        'CREATE TABLE log (n int);',
        'CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql',
        'BEGIN ATOMIC',
        '  INSERT INTO log VALUES (x);',
        '  SELECT x * 2;',
        'END;',
        'CREATE VIEW v AS SELECT twice(1) AS two;',
      ].join('\n');
      const stmts = await splitStatements({ path: 'schema/atomic.sql', text });
      expect(stmts.map((s) => s.nodeType)).toEqual(['CreateStmt', 'CreateFunctionStmt', 'ViewStmt']);
      await applyStatements(db.url, stmts);
      const snap = await snapshotDatabase(db.url);
      expect(snap.objects.map((o) => o.id)).toEqual(expect.arrayContaining(['function:public.twice(integer)', 'view:public.v']));

      // The file's batch fails at its last statement: the earlier ones must not stay applied,
      // or the statement-by-statement replay would report "already exists" instead of the real error.
      const other = await server.scratch({ prefix: 'strata_eng' });
      try {
        const bad = await splitStatements({ path: 'schema/bad.sql', text: text + '\nCREATE VIEW w AS SELECT nope();' });
        const err = await caught(applyStatements(other.url, bad));
        expect(err.diagnostic).toMatchObject({ sqlstate: '42883', location: { file: 'schema/bad.sql', line: 8 } });
      } finally {
        await other.drop();
      }
    } finally {
      await db.drop();
    }
  });

  it('loads a schema folder, and a file with a syntax error fails before any database is touched', async () => {
    const server = await testServer();
    const target = { adminUrl: server.url(), external: true };
    await mkdir(path.join(dir, 'schema'), { recursive: true });
    await writeFile(path.join(dir, 'schema', '01_types.sql'), `CREATE TYPE mood AS ENUM ('a');`);
    await writeFile(path.join(dir, 'schema', '02_tables.sql'), `CREATE TABLE t (m mood);`);
    const snap = await loadSnapshot({ kind: 'schemaDir', dir: path.join(dir, 'schema') }, target);
    expect(snap.objects.map((o) => o.id)).toEqual(expect.arrayContaining(['enum:public.mood', 'column:public.t.m']));

    await writeFile(path.join(dir, 'schema', '03_bad.sql'), `CREATE TABLE u (x int`);
    const bad = { adminUrl: 'postgres://nobody@127.0.0.1:1/none', external: true };
    const err = await caught(loadSnapshot({ kind: 'schemaDir', dir: path.join(dir, 'schema') }, bad));
    expect(err.diagnostic.code).toBe('source.syntax');
    expect(err.diagnostic.location?.file).toContain('03_bad.sql');
  });
});
