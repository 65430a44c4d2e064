/**
 * Table-driven over detectors/data/chat-vendors.json: for every vendor, a page whose browser
 * requested the vendor's script is a chat of that vendor; the same page with only one of its weak
 * markers, only a consent-blocked script tag, or only a link to the vendor's website is not.
 */
import { describe, expect, it } from 'vitest';
import { chatWidget } from '../../detectors/chat-widget.ts';
import { loadChatVendors, type ChatVendor } from '../../detectors/data/chat-vendors.ts';
import { pageFromHtml } from '../helpers/page.ts';

const PAGE = (extra: string) =>
  `<html><head><title>Mutuelle Exemple</title></head><body><header><a href="/">Accueil</a></header><main><h1>Nous contacter</h1><p>Notre service client vous répond.</p>${extra}</main></body></html>`;

/** A URL the vendor's script would be requested from, built from its data (hosts, paths, patterns). */
function scriptUrl(v: ChatVendor): string | null {
  if (v.scriptHosts.length) return `https://${v.scriptHosts[0]}/loader.js`;
  const p = v.scriptPaths[0];
  if (p) return /^[a-z0-9-]+\.[a-z0-9.-]+\//i.test(p) ? `https://${p}` : `https://www.mutuelle-exemple.fr${p.startsWith('/') ? '' : '/assets/'}${p}`;
  if (v.scriptPatterns.length) return 'https://mutuelle.my.site.com/ESWMessaging1700000000000/assets/js/bootstrap.min.js';
  return null;
}

/** The strong global a loader defines, for vendors known by a global only. */
function strongGlobal(v: ChatVendor): string | null {
  return v.globals.find((g) => !v.weakMarkers.includes(g)) ?? null;
}

/** An element matching a simple selector (the forms used in weakMarkers). */
function elementFor(sel: string): string {
  let m = /^([a-z-]+)?#([\w-]+)(\[title\])?$/i.exec(sel);
  if (m) return `<${m[1] ?? 'div'} id="${m[2]}"${m[3] ? ' title="Fenêtre"' : ''}>Bonjour</${m[1] ?? 'div'}>`;
  m = /^([a-z-]+)?((?:\.[\w-]+)+)$/i.exec(sel);
  if (m) return `<${m[1] ?? 'div'} class="${m[2].slice(1).split('.').join(' ')}">Bonjour</${m[1] ?? 'div'}>`;
  m = /^\[(id|class)[\^*]='([\w-]+)'\]$/.exec(sel);
  if (m) return `<div ${m[1]}="${m[2]}ien-section">Bonjour</div>`;
  if (/^[a-z]+$/.test(sel)) return `<${sel}>Bonjour</${sel}>`;
  throw new Error(`no element builder for weak selector ${sel}`);
}

const vendors = loadChatVendors();

describe('every chat vendor: positive and decoys', () => {
  for (const v of vendors) {
    const url = scriptUrl(v);
    const global = strongGlobal(v);
    it(`${v.id}: its script request (or loader global) → found, vendor ${v.id}`, () => {
      expect(url || global, `${v.id} has neither a script marker nor a strong global`).toBeTruthy();
      const page = pageFromHtml(PAGE(''), url ? { requests: [{ url }] } : { globals: [global!] });
      const fs = chatWidget.detect(page);
      expect(fs.length, v.id).toBeGreaterThan(0);
      for (const f of fs) expect(f.attributes.vendor, `${v.id} ${url ?? global}`).toBe(v.id);
    });
    it(`${v.id}: a link to the vendor's website, a blocked script tag → not found`, () => {
      const site = v.scriptHosts[0] ?? 'www.example-vendor.com';
      const blocked = url ? `<script type="text/plain" data-type="application/javascript" data-name="${v.id}" data-src="${url}"></script><script type="text/plain" data-category="support" src="${url}"></script><script type="didomi/javascript" src="${url}"></script>` : '';
      const html = PAGE(`<p>Nous utilisons <a href="https://${site}/">${v.name}</a> pour notre messagerie.</p>${blocked}`);
      expect(chatWidget.detect(pageFromHtml(html))).toEqual([]);
    });
    for (const w of v.weakMarkers) {
      it(`${v.id}: weak marker ${w} alone → not found`, () => {
        const isGlobal = v.globals.includes(w);
        const isSelector = v.selectors.includes(w);
        const html = isSelector ? PAGE(elementFor(w)) : isGlobal ? PAGE('') : PAGE(`<iframe src="https://www.mutuelle-exemple.fr/embed" title="${w}"></iframe>`);
        const fs = chatWidget.detect(pageFromHtml(html, isGlobal ? { globals: [w] } : {}));
        expect(fs).toEqual([]);
      });
    }
  }
  it('weak markers are corroborated by a vendor request: then found', () => {
    const lp = vendors.find((v) => v.id === 'liveperson')!;
    const fs = chatWidget.detect(pageFromHtml(PAGE('<div class="lp_desktop">Discuter</div>'), { requests: [{ url: 'https://lptag.liveperson.net/tag/tag.js?site=123' }] }));
    expect(fs.map((f) => f.attributes.vendor)).toEqual(['liveperson']);
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['vendor-request', 'vendor-dom-weak']));
    expect(lp.weakMarkers).toContain('.lp_desktop');
  });
});
