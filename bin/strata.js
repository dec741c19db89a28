#!/usr/bin/env node
// Launches the CLI from an esbuild bundle of src/ (rebuilt automatically when a
// source file is newer), falling back to tsx when bundling is not possible
// (read-only install, a module esbuild cannot resolve). Under tsx alone a warm
// `strata --version` costs about four times the CPU; see docs/benchmarks.md.
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';

// V8 lets the old heap grow to up to 4× what survived the last full GC; a diff of two
// 5,000-table catalogs then peaks near 330 MiB of mostly garbage. 1.5× keeps it near 250 MiB
// for a little more GC time (docs/benchmarks.md, diff-dump).
v8.setFlagsFromString('--heap-growing-percent=50');

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose') || argv.includes('-v');

async function loadMain() {
  if (process.env.STRATA_NO_BUNDLE !== '1') {
    try {
      const { buildCli, freshBuild } = await import('./build.js');
      const outRoot = path.join(root, '.strata', 'cli');
      const entry = freshBuild(root, outRoot) ?? (await buildCli(root, outRoot));
      if (verbose) process.setSourceMapsEnabled(true);
      return await import(pathToFileURL(entry).href);
    } catch (e) {
      if (verbose) process.stderr.write(`strata: running from source through tsx (bundle unavailable: ${e.message.split('\n')[0]})\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

const { main } = await loadMain();
process.exitCode = await main(argv);
