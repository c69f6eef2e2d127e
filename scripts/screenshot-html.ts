// Renders a self-contained HTML report (conformance.html, compare.html) to a PNG in headless Chromium, as the
// README's pictures are made: `npx tsx scripts/screenshot-html.ts reports/out/compare.html docs/compare-report.png
// [--width 1360] [--height 1100]`. The page is opened from the file, offline; the first --height pixels are kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, hasChromium } from '../reports/testing/tools.ts';

const [html, png, ...rest] = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(name);
  return i === -1 ? fallback : Number(rest[i + 1]);
};
if (!html || !png) {
  console.error(
    'usage: npx tsx scripts/screenshot-html.ts REPORT.html OUT.png [--width 1360] [--height 1100]',
  );
  process.exit(2);
}
if (!hasChromium()) {
  console.error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'occ-shot-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  viewport: { width: flag('--width', 1360), height: flag('--height', 1100) },
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(resolve(html)).href);
  await page.screenshot({ path: png });
  console.log(`occ: ${png}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
