// Bundles the CLI with esbuild so a warm start skips tsx's loader thread and
// per-file transforms (see docs/benchmarks.md). Each module keeps its own
// import.meta.url (rewritten to its source file's URL), so code that finds
// files relative to itself behaves exactly as under tsx.
//
// Builds land in <outRoot>/<id>/ and <outRoot>/current names the newest, so a
// process still loading an older build never sees its files disappear.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const keepImportMeta = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

/** Newest mtime under `dir` (files and directories, so deletions count too). */
export function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const st = statSync(path.join(e.parentPath ?? e.path, e.name), { throwIfNoEntry: false });
    if (st && st.mtimeMs > newest) newest = st.mtimeMs;
  }
  return newest;
}

/** The current build's entry file, or undefined when there is none or sources changed since. */
export function freshBuild(root, outRoot) {
  let id;
  try {
    id = readFileSync(path.join(outRoot, 'current'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const entry = path.join(outRoot, id, 'main.js');
  const built = statSync(entry, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return undefined;
  const sources = Math.max(newestMtime(path.join(root, 'src')), statSync(path.join(root, 'package.json')).mtimeMs);
  return built > sources ? entry : undefined;
}

export async function buildCli(root, outRoot) {
  const { build } = await import('esbuild');
  const id = `b${Date.now().toString(36)}${process.pid.toString(36)}`;
  const outDir = path.join(outRoot, id);
  await build({
    entryPoints: { main: path.join(root, 'src', 'cli', 'main.ts') },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'silent',
    plugins: [keepImportMeta],
  });
  await writeFile(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  const tmp = path.join(outRoot, `current.${process.pid}`);
  await writeFile(tmp, id + '\n');
  await rename(tmp, path.join(outRoot, 'current'));
  // Old builds: kept a minute for processes that may still be loading them.
  for (const name of await readdir(outRoot)) {
    if (name === id || !name.startsWith('b')) continue;
    const st = await stat(path.join(outRoot, name)).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > 60_000) await rm(path.join(outRoot, name), { recursive: true, force: true });
  }
  return path.join(outDir, 'main.js');
}
