/**
 * Mermaid → SVG with mermaid in a headless Chromium (the system's, never a
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
  // Looked up as folders on the resolver's paths: a package's "exports" may hide its package.json.
  const missing = ['mermaid', 'puppeteer'].filter((p) => !(require.resolve.paths(p) ?? []).some((dir) => existsSync(path.join(dir, p, 'package.json'))));
  return missing.length
    ? `the optional package${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed: install with \`PUPPETEER_SKIP_DOWNLOAD=1 npm install mermaid puppeteer\` (the system's Chromium is used)`
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
 * Render Mermaid sources to SVG text in one page of one browser, mermaid loaded once. Throws when a
 * source does not render, naming its position.
 */
export async function renderMermaidSvgs(chromium: string, sources: string[]): Promise<string[]> {
  const results = await renderAllInOnePage(chromium, sources);
  return results.map((r, i) => {
    if (!('svg' in r)) throw new Error(`Mermaid source #${i + 1} does not render: ${'error' in r ? r.error : 'not rendered'}`);
    return r.svg;
  });
}

/**
 * Render many Mermaid sources in one page with one load of mermaid (a page per diagram, as
 * mermaid-cli does, loaded mermaid and its plugins again for each: about 4 s for the reference ER,
 * 1.2 s here). Each SVG is serialised the way mermaid-cli does it (white background, XMLSerializer),
 * so the bytes are the ones it writes. Returns each source's SVG text, or its error message. A source
 * flagged in `parseOnly` is only parsed (mermaid.parse: the syntax check of a render, without the layout).
 */
export async function renderAllInOnePage(chromium: string, sources: string[], parseOnly: readonly boolean[] = []): Promise<({ svg: string } | { parsed: true } | { error: string })[]> {
  const puppeteer = await import('puppeteer');
  const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  // Root (CI, containers) cannot use Chromium's sandbox.
  const browser = await puppeteer.default.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="container"></div></body></html>');
    await page.addScriptTag({ path: mermaidJs });
    return await page.evaluate(
      async (srcs: string[], config: Record<string, unknown>, only: boolean[]) => {
        const { mermaid } = globalThis as unknown as {
          mermaid: { initialize(c: unknown): void; parse(src: string): Promise<unknown>; render(id: string, src: string, el?: Element): Promise<{ svg: string }> };
        };
        document.body.style.background = 'white';
        await Promise.all(Array.from(document.fonts, (font) => font.load()));
        mermaid.initialize({ startOnLoad: false, ...config });
        const container = document.getElementById('container')!;
        const out: ({ svg: string } | { parsed: true } | { error: string })[] = [];
        for (const [i, src] of srcs.entries()) {
          try {
            if (only[i]) {
              await mermaid.parse(src);
              out.push({ parsed: true });
              continue;
            }
            // mermaid-cli's svgId for er.svg: the deterministic element ids derive from it.
            container.innerHTML = (await mermaid.render('er', src, container)).svg;
            const svg = container.getElementsByTagName('svg')[0]!;
            svg.style.backgroundColor = 'white';
            out.push({ svg: new XMLSerializer().serializeToString(svg) });
          } catch (e) {
            out.push({ error: e instanceof Error ? e.message : String(e) });
          }
        }
        return out;
      },
      sources,
      MERMAID_CONFIG,
      [...parseOnly],
    );
  } finally {
    await browser.close();
  }
}
