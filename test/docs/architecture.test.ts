/**
 * The docs renderers are pure: they turn a Snapshot (or plan steps) into text and import no
 * file system, process, database or state-building module. Only src/docs/index.ts, domains.ts and
 * svg.ts do I/O.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server.js';

const PURE = ['model.ts', 'mermaid.ts', 'markdown.ts', 'html.ts', 'history.ts'];
const IMPURE = /^(node:|pg$|@databases\/|libpg-query|puppeteer|@mermaid-js\/)|\/(db|cluster|state|shadow|runner|introspect|source|cli)\//;

describe('src/docs', () => {
  it.each(PURE)('%s imports nothing that does I/O', async (file) => {
    const text = await readFile(path.join(PROJECT_ROOT, 'src', 'docs', file), 'utf8');
    const imports = [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => IMPURE.test(i))).toEqual([]);
  });
});
