import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from './testing/sample-report.ts';
import { CHROMIUM, hasChromium, requireTool } from './testing/tools.ts';
import { writeReports } from './write-reports.ts';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const NO_CHROMIUM = `Chromium is missing at ${CHROMIUM}: install the Debian package chromium to check the HTML report in a browser`;

describe('the HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'occ-html-'));
  const problems: string[] = [];
  const requests: string[] = [];
  let browser: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium()) return;
    writeReports(sampleReport(), dir);
    // A fresh profile each run, so nothing cached or installed in a profile can change what the page does.
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 1360, height: 900 },
    });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'conformance.html')).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(join(dir, 'profile'), { recursive: true, force: true });
  });

  const visibleRows = () => page.locator('table.matrix tbody tr[data-entries]:visible').count();
  const visibleFindings = () => page.locator('article.finding:visible').count();

  it('opens without console errors, CSP violations or requests beyond the file', async (ctx) => {
    requireTool(ctx, hasChromium(), NO_CHROMIUM);
    expect(problems).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(await page.title()).toBe('FAILED · Order contact API conformance · run-20250301T101500Z-7f3a');
  });

  it('runs its own script and not the one in a response body', async (ctx) => {
    requireTool(ctx, hasChromium(), NO_CHROMIUM);
    expect(await page.locator('body').getAttribute('data-version')).toBe('all');
    expect(await page.locator('script').count()).toBe(1);
    await expect(page.locator('#r-OC-CREATE-ECHO-v2-1').textContent()).resolves.toContain('<script>alert');
    expect(await page.locator('#r-OC-CREATE-ECHO-v2-1 script').count()).toBe(0);
  });

  it('hides rows and findings that do not match the status filter', async (ctx) => {
    requireTool(ctx, hasChromium(), NO_CHROMIUM);
    expect(await visibleRows()).toBe(8);
    expect(await visibleFindings()).toBe(4);
    await page.click('button[data-filter-status="failed"]');
    expect(await visibleRows()).toBe(2);
    expect(await page.locator('body').getAttribute('data-status')).toBe('failed');
    expect(await visibleFindings()).toBe(2);
    expect(await page.locator('[data-count-for="rules"]').textContent()).toBe('2 of 8');
    await page.click('button[data-filter-status="warned"]');
    expect(await visibleRows()).toBe(2);
    expect(await page.locator('article.finding:visible code').allTextContents()).toEqual([
      'OC-PAGING-LINKS-PRESENT',
      'OC-TIMESTAMP-PRECISION',
    ]);
    await page.click('button[data-filter-status="inconclusive"]');
    expect(await page.locator('table.matrix tbody tr[data-entries]:visible .id').allTextContents()).toEqual([
      'OC-DELETE-THEN-404',
    ]);
    expect(await visibleFindings()).toBe(0);
    await page.click('button[data-filter-status="all"]');
    expect(await visibleRows()).toBe(8);
  });

  it('filters by API version and operation, together with status', async (ctx) => {
    requireTool(ctx, hasChromium(), NO_CHROMIUM);
    await page.selectOption('#filter-version', 'v2');
    await page.click('button[data-filter-status="failed"]');
    expect(await page.locator('table.matrix tbody tr[data-entries]:visible .id').allTextContents()).toEqual([
      'PACT-a-request-for-a-contact-that-does-not-exist',
    ]);
    await page.click('button[data-filter-status="all"]');
    await page.selectOption('#filter-version', 'all');
    await page.selectOption('#filter-op', 'deleteOrderContact');
    expect(await page.locator('table.matrix tbody tr[data-entries]:visible .id').allTextContents()).toEqual([
      'OC-DELETE-THEN-404',
    ]);
    await page.selectOption('#filter-op', 'all');
  });

  it('finds rules by words and says when nothing matches', async (ctx) => {
    requireTool(ctx, hasChromium(), NO_CHROMIUM);
    await page.fill('#filter-q', 'echoes');
    expect(await visibleRows()).toBe(1);
    await page.fill('#filter-q', 'no such rule');
    expect(await visibleRows()).toBe(0);
    await expect(page.locator('table.matrix .empty-state').isVisible()).resolves.toBe(true);
    await page.fill('#filter-q', '');
    expect(await visibleRows()).toBe(8);
  });

  it('renders a screenshot of the whole page', async (ctx) => {
    requireTool(ctx, hasChromium(), NO_CHROMIUM);
    const path = join(dir, 'conformance.png');
    const png = await page.screenshot({ path, fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    console.log(`occ: screenshot of the HTML report: ${path}`);
    expect(problems).toEqual([]);
  });
});
