/**
 * Mermaid → SVG with @mermaid-js/mermaid-cli in a headless Chromium (the system's, never a
 * downloaded one). Rendering is seeded so the same source gives the same bytes on every run.
 */
import { access, constants } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The renderer's packages are optional dependencies: a project that installs strata must not
 * download a browser (puppeteer's install script), so they may be absent. Why SVG cannot be
 * rendered without them, or undefined when they are there.
 */
export function rendererMissingReason(): string | undefined {
  const require = createRequire(import.meta.url);
  // Looked up as folders on the resolver's paths: mermaid-cli's "exports" hides its package.json.
  const missing = ['@mermaid-js/mermaid-cli', 'puppeteer'].filter((p) => !(require.resolve.paths(p) ?? []).some((dir) => existsSync(path.join(dir, p, 'package.json'))));
  return missing.length
    ? `the optional package${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed: install with \`PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli puppeteer\` (the system's Chromium is used)`
    : undefined;
}

/** What to run when Chromium is missing (Debian/Ubuntu). */
export const CHROMIUM_INSTALL = 'apt-get install -y chromium';

/** Where Chromium is looked for: STRATA_CHROMIUM, then the Debian and Ubuntu paths. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const candidates = env.STRATA_CHROMIUM !== undefined ? [env.STRATA_CHROMIUM] : CHROMIUM_PATHS;
  for (const p of candidates) {
    if (!p) continue;
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
      // not there; try the next one
    }
  }
  return undefined;
}

/** One line saying why SVG rendering is skipped and how to enable it. */
export function chromiumMissingReason(env: NodeJS.ProcessEnv = process.env): string {
  const where = env.STRATA_CHROMIUM !== undefined ? `STRATA_CHROMIUM=${env.STRATA_CHROMIUM} is not an executable` : `no Chromium at ${CHROMIUM_PATHS.join(' or ')}`;
  return `${where}: install it with \`${CHROMIUM_INSTALL}\` (or point STRATA_CHROMIUM at a Chromium binary)`;
}

/**
 * Mermaid settings for reproducible output: the seed fixes the sketch-style jitter mermaid
 * adds to shapes, and deterministic ids replace random element ids.
 */
export const MERMAID_CONFIG = { handDrawnSeed: 1, deterministicIds: true, deterministicIDSeed: 'strata', er: { useMaxWidth: false } };

/**
 * Render Mermaid sources to SVG text with mermaid-cli, one page each, in one browser. Throws when
 * a source does not render, naming its position.
 */
export async function renderMermaidSvgs(chromium: string, sources: string[]): Promise<string[]> {
  const [{ renderMermaid }, puppeteer] = await Promise.all([import('@mermaid-js/mermaid-cli'), import('puppeteer')]);
  const browser = await puppeteer.default.launch({
    executablePath: chromium,
    headless: true,
    // Root (CI, containers) cannot use Chromium's sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const out: string[] = [];
    for (const [i, source] of sources.entries()) {
      try {
        const r = await renderMermaid(browser, source, 'svg', { mermaidConfig: MERMAID_CONFIG as never, svgId: 'er' });
        out.push(Buffer.from(r.data).toString('utf8'));
      } catch (e) {
        throw new Error(`Mermaid source #${i + 1} does not render: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

/**
 * Render many Mermaid sources in one page with one load of mermaid (much cheaper than a page per
 * diagram): the check that every diagram the docs embed parses and lays out. Returns each
 * source's SVG text, or its error message.
 */
export async function renderAllInOnePage(chromium: string, sources: string[]): Promise<({ svg: string } | { error: string })[]> {
  const [puppeteer, { createRequire }] = await Promise.all([import('puppeteer'), import('node:module')]);
  const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  const browser = await puppeteer.default.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="container"></div></body></html>');
    await page.addScriptTag({ path: mermaidJs });
    return await page.evaluate(
      async (srcs: string[], config: Record<string, unknown>) => {
        const { mermaid } = globalThis as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, src: string, el?: Element): Promise<{ svg: string }> } };
        mermaid.initialize({ startOnLoad: false, ...config });
        const container = document.getElementById('container')!;
        const out: ({ svg: string } | { error: string })[] = [];
        for (const [i, src] of srcs.entries()) {
          try {
            out.push({ svg: (await mermaid.render(`d${i}`, src, container)).svg });
          } catch (e) {
            out.push({ error: e instanceof Error ? e.message : String(e) });
          }
        }
        return out;
      },
      sources,
      MERMAID_CONFIG,
    );
  } finally {
    await browser.close();
  }
}
