/**
 * End to end: the committed docs/schema/index.html opened from the file system in headless
 * Chromium (playwright-core, the system's /usr/bin/chromium; no server, no network). Searches a
 * column, opens it, follows a relation, shows the ER diagram, and saves screenshots under
 * test-artifacts/docs/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium as playwright, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/docs/index.js';
import { PROJECT_ROOT } from '../helpers/server.js';

const executable = await findChromium();
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts', 'docs');
const PAGE = pathToFileURL(path.join(PROJECT_ROOT, 'docs', 'schema', 'index.html')).href;
if (!executable) console.log('docs browse test skipped: no Chromium; install it with `apt-get install -y chromium`');

describe.runIf(!!executable)('docs/schema/index.html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await playwright.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches a column, opens its table, follows a relation and shows the ER diagram, offline', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    context.on('request', (r) => void requests.push(r.url()));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(PAGE);

    await page.fill('#search', 'assignee_id');
    const hit = page.locator('#results a.result', { hasText: 'public.tasks.assignee_id' });
    await expect.poll(() => hit.count()).toBe(1);
    await hit.click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('public.tasks');
    expect(await page.locator('#columns tr.hit').getAttribute('data-column')).toBe('assignee_id');
    await page.screenshot({ path: path.join(ARTIFACTS, 'search-column.png') });

    // public.tasks references public.projects: follow the link.
    await page.locator('#detail a.relation', { hasText: 'public.projects' }).first().click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe('public.projects');
    expect(page.url()).toContain('#table=public.projects');
    expect(await page.locator('#detail a.relation', { hasText: 'public.tasks' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'follow-relation.png') });

    await page.click('a[href="#er"]');
    const img = page.locator('#er-image');
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(1000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'er-diagram.png') });

    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    await context.close();
  });
});
