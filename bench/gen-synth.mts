// Writes syntheticSchema(n[, extra]) as one SQL file (for loading with psql by hand).
import { writeFileSync } from 'node:fs';
import { syntheticSchema } from './diff.js';
const [n, extra, out] = process.argv.slice(2);
writeFileSync(out!, [...syntheticSchema(Number(n), extra ? Number(extra) : undefined).values()].join('\n'));
