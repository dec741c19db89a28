// Saves snapshotDatabase(url) as JSON: npx tsx bench/snap-save.mts <url> <out.json>
import { writeFileSync } from 'node:fs';
import { snapshotDatabase } from '../src/state/index.js';
const [url, out] = process.argv.slice(2);
writeFileSync(out!, JSON.stringify(await snapshotDatabase(url!)));
