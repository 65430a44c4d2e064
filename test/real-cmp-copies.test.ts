/**
 * The real-CMP corpus commits copies of the consent libraries and DSFR assets it self-hosts
 * (scripts/real-cmp-copies.ts). This fails when a committed copy differs from the installed
 * package (a version bump): run `node bin/run-ts.js scripts/build-real-cmp.ts` and re-check the
 * corpus's ground truth.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_CMP_COPIES } from '../scripts/real-cmp-copies.ts';

const require = createRequire(import.meta.url);
const SITES = new URL('../fixtures/real-cmp/sites/', import.meta.url).pathname;

describe('real-CMP corpus: committed library copies', () => {
  it('lists the three consent libraries and DSFR', () => {
    expect([...new Set(REAL_CMP_COPIES.map((c) => c.pkg))]).toEqual(['tarteaucitronjs', 'klaro', 'vanilla-cookieconsent', '@gouvfr/dsfr']);
  });
  for (const c of REAL_CMP_COPIES) {
    it(`sites/${c.to} is byte-identical to ${c.pkg}/${c.file}`, () => {
      const installed = readFileSync(join(dirname(require.resolve(`${c.pkg}/package.json`)), c.file));
      const committed = readFileSync(join(SITES, c.to));
      expect(committed.equals(installed), `${c.to} differs from node_modules: rerun scripts/build-real-cmp.ts`).toBe(true);
    });
  }
});
