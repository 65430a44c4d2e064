/**
 * The bench's generated corpus (scripts/gen-corpus.ts): sites larger than the scan's page budget,
 * as real ones are, each mega-menu entry with its own page, every link resolving; and the small
 * sites of the corpus before entry pages, with the same actors, for comparison.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOURNEY } from '../crawler/journey/options.ts';
import { resolveFixturePath } from '../crawler/serve/fixture-server.ts';
import { generateCorpus, type GeneratedCorpus } from '../scripts/gen-corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'gen-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Site-relative links of a page, fragment dropped. */
function ownLinks(html: string): string[] {
  return [...html.matchAll(/<a href="(\/[^"]*)"/g)].map((m) => m[1].replace(/#.*$/, ''));
}

function pageHtml(c: GeneratedCorpus, host: string, path: string): string {
  const file = resolveFixturePath(join(c.sitesDir, host), path);
  if (!file) throw new Error(`${host}${path} does not resolve`);
  return readFileSync(file, 'utf8');
}

describe('generated corpus', () => {
  const big = generateCorpus(join(root, 'big'), 16, 1);
  const small = generateCorpus(join(root, 'small'), 16, 1, { smallSites: true });

  it('gives every site at least as many pages as the page budget, one per menu entry, every page linked, every link resolving', () => {
    expect(big.pageCount).toBe(883);
    expect(big.actors.map((a) => a.pages.length)).toEqual([43, 82, 56, 43, 82, 69, 56, 30, 30, 82, 30, 56, 43, 43, 69, 69]);
    for (const a of big.actors) {
      expect(a.pages.length).toBeGreaterThanOrEqual(DEFAULT_JOURNEY.maxPages);
      const home = ownLinks(pageHtml(big, a.host, '/'));
      expect(new Set(home.filter((p) => /^\/[a-z0-9-]+\/[a-z0-9-]+$/.test(p))).size).toBeGreaterThanOrEqual(24);
      const linked = new Set(['/']);
      for (const p of a.pages)
        for (const l of ownLinks(pageHtml(big, a.host, p))) {
          expect(resolveFixturePath(join(big.sitesDir, a.host), l), `${a.host}${p} → ${l}`).not.toBeNull();
          linked.add(l);
        }
      expect(a.pages.filter((p) => !linked.has(p))).toEqual([]);
    }
  });

  it('keeps the small sites of the corpus before entry pages: the same actors, 6–10 pages each, menu links as anchors', () => {
    expect(small.pageCount).toBe(127);
    expect(small.actors.map((a) => a.id)).toEqual(big.actors.map((a) => a.id));
    expect(readFileSync(small.panelFile, 'utf8')).toBe(readFileSync(big.panelFile, 'utf8'));
    expect(readFileSync(join(small.dir, 'expected.json'), 'utf8')).toBe(readFileSync(join(big.dir, 'expected.json'), 'utf8'));
    for (const a of small.actors) {
      expect(a.pages.length).toBeGreaterThanOrEqual(6);
      expect(a.pages.length).toBeLessThanOrEqual(10);
      const home = ownLinks(pageHtml(small, a.host, '/'));
      expect(home.filter((p) => /^\/[a-z0-9-]+\/[a-z0-9-]+$/.test(p))).toEqual([]);
      for (const l of home) expect(resolveFixturePath(join(small.sitesDir, a.host), l)).not.toBeNull();
    }
  });
});
