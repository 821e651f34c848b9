// Headless Debian Chromium driven by playwright-core (Playwright's own browser download cannot
// work offline, so we point it at the system binary).
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export async function launchBrowser(playwrightModulePath) {
  const { chromium } = await import(pathToFileURL(playwrightModulePath).href);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Opens the workbench for `folder` and returns once the editor area is painted and settled. */
export async function openWorkbench(browser, url, folder) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60000 });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60000 });
  // Keys sent straight after the first paint are sometimes swallowed while the workbench restores.
  await page.waitForTimeout(1500);
  return { context, page };
}
