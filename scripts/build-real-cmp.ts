/**
 * Builds fixtures/real-cmp/: copies the real consent libraries (tarteaucitron.js, Klaro,
 * CookieConsent v3) and DSFR's compiled assets from node_modules into the sites that self-host
 * them (list in scripts/real-cmp-copies.ts). The pages, vendor stubs and ground truth are written
 * by hand and committed; so is the output of this script, so the corpus works without running it.
 * Run after upgrading one of those packages: node bin/run-ts.js scripts/build-real-cmp.ts
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REAL_CMP_COPIES } from './real-cmp-copies.ts';

const require = createRequire(import.meta.url);
const SITES = new URL('../fixtures/real-cmp/sites/', import.meta.url).pathname;

/** Absolute path of a file inside an installed package. */
export function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

for (const c of REAL_CMP_COPIES) {
  const to = join(SITES, c.to);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(packageFile(c.pkg, c.file), to);
  console.log(`${c.pkg}/${c.file} → sites/${c.to}`);
}
