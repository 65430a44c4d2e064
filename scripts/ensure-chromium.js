#!/usr/bin/env node
// Makes sure a Chromium is there before the browser tests (CONTRACT §1): Playwright's own, else
// Debian's, installed with apt-get when running as root on Debian; otherwise one line says what to run.
import { register } from 'tsx/esm/api';

register();
const { resolveChromium, ChromiumMissingError } = await import('../crawler/journey/browser.ts');
try {
  const path = resolveChromium({ log: (l) => process.stderr.write(`${l}\n`) });
  process.stderr.write(`chromium: ${path}\n`);
} catch (err) {
  if (err instanceof ChromiumMissingError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
