/**
 * The desired state as one SQL file Atlas can load: every `schema/**\/*.sql`
 * in path order, split by PostgreSQL's parser and joined with an
 * `atlas:delimiter`, because Atlas's own statement splitter (in the CLI this
 * machine can build) breaks `BEGIN ATOMIC` function bodies apart.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { splitStatements } from './split.js';

export const ATLAS_SOURCE_DELIMITER = ';;';

async function sqlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sqlFiles(p)));
    else if (e.isFile() && e.name.endsWith('.sql')) out.push(p);
  }
  return out;
}

export async function atlasSource(schemaDir: string): Promise<string> {
  const files = (await sqlFiles(path.resolve(schemaDir))).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const parts: string[] = [];
  for (const f of files) {
    for (const s of await splitStatements(await readFile(f, 'utf8'), f)) parts.push(s.sql);
  }
  return `-- atlas:delimiter ${ATLAS_SOURCE_DELIMITER}\n` + parts.map((s) => `${s}\n${ATLAS_SOURCE_DELIMITER}\n`).join('');
}

export async function writeAtlasSource(schemaDir: string, outFile: string): Promise<void> {
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, await atlasSource(schemaDir));
}
