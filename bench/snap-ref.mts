// Saves the Snapshot of a schema folder (built on the worktree's cluster) as JSON: npx tsx bench/snap-ref.mts <dir> <out.json>
import { writeFileSync } from 'node:fs';
import { resolveServer } from '../src/cluster/index.js';
import { buildSnapshot } from '../src/state/index.js';
const [dir, out] = process.argv.slice(2);
const server = await resolveServer({ cwd: process.cwd() });
writeFileSync(out!, JSON.stringify(await buildSnapshot({ kind: 'schemaDir', dir: dir! }, server)));
process.exit(0);
