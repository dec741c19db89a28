/** src/lint is a pure stage: no database client, no file system, no processes, no state building. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server.js';

const FORBIDDEN = [/^node:fs/, /^fs$/, /^node:child_process$/, /^child_process$/, /^pg$/, /^@databases\//, /^libpg-query$/, /\/(db|cluster|state|runner|shadow|introspect|typegen|lint-run|cli|source|migrations|config)\//];

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

it('src/lint imports nothing that does I/O', async () => {
  const bad: string[] = [];
  for (const f of await files(path.join(PROJECT_ROOT, 'src', 'lint'))) {
    const text = await readFile(f, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
      if (FORBIDDEN.some((re) => re.test(m[1]!))) bad.push(`${path.relative(PROJECT_ROOT, f)}: ${m[1]}`);
    }
  }
  expect(bad).toEqual([]);
});
