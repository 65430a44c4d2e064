/**
 * The contract every registered detector passes: unique kebab-case id, an empty page gives
 * nothing, malformed HTML does not throw, deterministic output, every finding has evidence whose
 * URL is the page's, and only the channels the detector declares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';
import { pageFromHtml } from '../helpers/page.ts';

const MALFORMED = [
  '',
  '<',
  '<html><body><div><p>Appelez le 01 23 45 67 89<table><tr><td>x</div></body>',
  '<form><textarea><input type=file></form></form><a href="tel:">',
  '<a href="javascript:void(0)">Contact</a><a href="http://[::1">x</a><iframe src="::::"></iframe>',
  '<script>var s = "<div>";</script><template shadowrootmode="open"><button>Chat</button>',
  `<body>${'<div>'.repeat(3000)}deep${'</div>'.repeat(3000)}</body>`,
];
const pagesDir = new URL('../pages/', import.meta.url);
const saved = readdirSync(pagesDir).filter((f) => f.endsWith('.html'));

describe('detector contract', () => {
  it('has detectors with unique kebab-case ids, versions and channels', () => {
    expect(detectors.length).toBeGreaterThanOrEqual(10);
    const ids = detectors.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of detectors) {
      expect(d.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Number.isInteger(d.version) && d.version >= 1).toBe(true);
      expect(d.channels.length).toBeGreaterThan(0);
    }
  });
  for (const d of detectors) {
    describe(d.id, () => {
      it('finds nothing on an empty page', () => {
        expect(d.detect(pageFromHtml('<!doctype html><html><head><title></title></head><body></body></html>'))).toEqual([]);
      });
      it('does not throw on malformed HTML', () => {
        for (const html of MALFORMED) expect(() => d.detect(pageFromHtml(html))).not.toThrow();
      });
      it('is deterministic and gives evidence for every finding, on every saved page', () => {
        for (const name of saved) {
          const html = readFileSync(new URL(name, pagesDir), 'utf8');
          const url = 'https://www.exemple-banque.fr/contact';
          const a = d.detect(pageFromHtml(html, { url }));
          const b = d.detect(pageFromHtml(html, { url }));
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
          for (const f of a) {
            expect(d.channels).toContain(f.channel);
            expect(f.evidence.length).toBeGreaterThan(0);
            for (const e of f.evidence) {
              expect(e.url).toBe(url);
              expect(e.signal).toMatch(/\S/);
              expect(typeof e.detail).toBe('string');
              expect(e.detail.length).toBeLessThanOrEqual(200);
            }
          }
        }
      });
    });
  }
});
