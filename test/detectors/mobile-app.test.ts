import { describe, expect, it } from 'vitest';
import { mobileAppDetector, storeOfLink } from '../../detectors/mobile-app.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

const detect = (html: string, opts = {}) => mobileAppDetector.detect(pageFromHtml(html, opts));
const storesOf = (html: string, opts = {}): string[] => detect(html, opts)[0]?.attributes.stores ?? [];
const base = 'https://www.a.fr/';

describe('mobile-app detector', () => {
  it('is a mobile_app detector', () => {
    expect(mobileAppDetector.id).toBe('mobile-app');
    expect(mobileAppDetector.channels).toEqual(['mobile_app']);
  });

  it('finds the App Store link and the Google Play badge of a retail page', () => {
    const findings = detect(savedPage('retail-home-footer.html'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.attributes).toEqual({ stores: ['ios', 'android'] });
    expect(findings[0]!.evidence).toEqual([
      {
        url: 'https://www.exemple-banque.fr/',
        source: 'dom',
        signal: 'app-store-link',
        detail: 'https://apps.apple.com/fr/app/enseigne-exemple/id1234567890',
        selector: 'a[href="https://apps.apple.com/fr/app/enseigne-exemple/id1234567890"]',
      },
      {
        url: 'https://www.exemple-banque.fr/',
        source: 'dom',
        signal: 'store-badge',
        detail: 'Google Play badge → https://enseigne-exemple.onelink.me/Ab12/android',
        selector: 'a[href="https://enseigne-exemple.onelink.me/Ab12/android"]',
      },
    ]);
  });

  it('classifies store links', () => {
    const cases: [string, string | null][] = [
      ['https://apps.apple.com/fr/app/ma-banque/id123456789', 'ios'],
      ['https://itunes.apple.com/fr/app/ma-banque/id123456789?mt=8', 'ios'],
      ['https://apps.apple.com/fr/developer/banque-exemple/id987654321', 'ios'],
      ['https://play.google.com/store/apps/details?id=fr.banque.exemple&hl=fr', 'android'],
      ['https://play.google.com/store/apps/dev?id=1234567890', 'android'],
      ['market://details?id=fr.banque.exemple', 'android'],
      ['https://apps.apple.com/fr/', null],
      ['https://www.apple.com/fr/app-store/', null],
      ['https://play.google.com/store/apps', null],
      ['https://play.google.com/store/search?q=banque', null],
      ['https://play.google.com/store/apps/details', null],
      ['https://music.apple.com/fr/album/x/id123', null],
    ];
    for (const [href, store] of cases) expect(storeOfLink(href, base), href).toBe(store);
  });

  it('reads smart-banner meta tags', () => {
    expect(storesOf('<head><meta name="apple-itunes-app" content="app-id=123456789"></head><body></body>')).toEqual(['ios']);
    expect(storesOf('<head><meta name="google-play-app" content="app-id=fr.banque.exemple"></head><body></body>')).toEqual(['android']);
    expect(storesOf('<head><meta name="apple-itunes-app" content=""></head><body></body>')).toEqual([]);
  });

  it('ignores store home pages and store names in running text', () => {
    expect(
      detect(
        '<p>Disponible sur l’App Store et Google Play.</p><a href="https://play.google.com/store/apps">Google Play</a>' +
          '<a href="https://www.apple.com/fr/app-store/"><img src="/badge-app-store.svg" alt="App Store"></a><a href="/app">Google Play</a>',
      ),
    ).toEqual([]);
  });

  it('does not throw on empty or malformed HTML', () => {
    expect(detect('')).toEqual([]);
    expect(detect('<a href="market://">x</a><a href="https://apps.apple.com/%%">y</a><meta name="apple-itunes-app">')).toEqual([]);
  });
});
