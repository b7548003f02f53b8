/**
 * Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
 *
 * Locally a missing chromium skips the browser tests with a loud message; with CI=true the tests
 * run and fail at launch (`.ci/run` installs chromium). Use:
 *
 *   describe.runIf(browserTestsEnabled())('...', () => {
 *     let browser: Browser;
 *     beforeAll(async () => { browser = await launchBrowser(); });
 *     afterAll(() => browser?.close());
 *   });
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** False (with a loud warning) only when chromium is missing outside CI. */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return true;
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER TESTS SKIPPED: ${CHROMIUM_PATH} not found.\n` +
      `!! Install it with: apt-get install -y chromium   (with CI=true this is a failure)\n${line}\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: browser tests need Debian's chromium (.ci/run installs it)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}
