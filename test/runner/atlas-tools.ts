/** Where the Atlas binaries built by `make atlas` live, and why a test skips without them. */
import { existsSync } from 'node:fs';
import path from 'node:path';

const bin = path.resolve('.tools/bin');
export const ATLAS = process.env.STRATA_ATLAS_BIN ?? path.join(bin, 'atlas');
export const ATLAS_SUM = path.join(bin, 'atlas-sum');
export const hasAtlas = existsSync(ATLAS);
export const hasAtlasSum = existsSync(ATLAS_SUM);

export function skipReason(tool: string): string {
  return `skipped: ${tool} not found; run \`make atlas\` (builds the Atlas CLI and atlas-sum into .tools/bin through the Go module proxy)`;
}
