/**
 * Playwright settings for the project's own browser checks. The test suite itself runs under
 * vitest (npm test) and launches Chromium through crawler/browser.ts, which resolves the
 * executable (Playwright's own, else Debian's) and keeps every request off the network.
 */
import { defineConfig } from 'playwright/test';
import { resolveChromium } from './crawler/journey/browser.ts';

export default defineConfig({
  testDir: 'test/browser',
  timeout: 120_000,
  use: {
    headless: true,
    locale: 'fr-FR',
    launchOptions: { executablePath: resolveChromium({ install: false }), args: ['--host-resolver-rules=MAP * ~NOTFOUND'] },
  },
});
