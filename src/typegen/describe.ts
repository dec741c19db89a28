/**
 * Describe every query of the query folder against a database, the way pgtyped's
 * generator does (its parser, its IR, its `getTypes` over the wire protocol), but
 * returning typed data per query instead of generated text: lint compares the
 * result before and after a migration to say which query breaks and which
 * generated type changes.
 */
import type { QueryDescription } from '../core/query.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSQLFile, queryASTToIR } from '@pgtyped/parser';
import { getTypes, startup, type MappableType } from '@pgtyped/query';
import { processSQLQueryIR } from '@pgtyped/runtime';
import { AsyncQueue } from '@pgtyped/wire';
import { lineColumn } from '../source/index.js';

/** The description typegen gives one query (see src/core/query.ts). */
export type DescribedQuery = QueryDescription;

/** Every annotated query under `queriesDir` (files in name order), described against `url`. */
export async function describeQueries(root: string, queriesDir: string, url: string): Promise<DescribedQuery[]> {
  const names = (await readdir(queriesDir).catch(() => [] as string[])).filter((f) => f.endsWith('.sql')).sort();
  if (!names.length) return [];
  const queue = new AsyncQueue();
  const u = new URL(url);
  // The scratch database is dropped (connections terminated) right after; a reset then is expected.
  const ignore = () => undefined;
  await startup(
    {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: u.password ? decodeURIComponent(u.password) : undefined,
      dbName: decodeURIComponent(u.pathname.slice(1)),
    },
    queue,
  );
  queue.socket.on('error', ignore);
  queue.socket.setNoDelay(true);
  try {
    const out: DescribedQuery[] = [];
    for (const n of names) {
      const abs = path.join(queriesDir, n);
      const text = await readFile(abs, 'utf8');
      const file = path.relative(root, abs).split(path.sep).join('/');
      for (const q of parseSQLFile(text).queries) {
        const typeName = pascal(q.name);
        const base = { file, name: q.name, line: lineColumn(text, q.statement.loc.a).line, paramsType: `I${typeName}Params`, resultType: `I${typeName}Result` };
        const types = await getTypes(processSQLQueryIR(queryASTToIR(q)), queue);
        if ('errorCode' in types) {
          out.push({ ...base, error: types.message, params: [], result: [] });
          continue;
        }
        out.push({
          ...base,
          error: null,
          params: types.paramMetadata.mapping.map((m, i) => `${m.name}: ${typeText(types.paramMetadata.params[i])}`),
          result: types.returnTypes.map((r) => `${r.returnName}: ${typeText(r.type)}${r.nullable === false ? '' : ' | null'}`),
        });
      }
    }
    return out;
  } finally {
    queue.socket.destroy();
  }
}

function typeText(t: MappableType | undefined): string {
  if (t === undefined) return 'unknown';
  if (typeof t === 'string') return t;
  return 'name' in t ? String(t.name) : JSON.stringify(t);
}

/** pgtyped's interface naming (pascal-case of the query name). */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
