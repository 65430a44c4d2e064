import { describe, expect, it } from 'vitest';
import { rollupChannels, shortestPaths, type RollupPage } from '../crawler/judge/rollup.ts';
import type { Finding } from '../crawler/types.ts';

const ev = (url: string) => [{ url, signal: 's', detail: 'd', source: 'dom' as const }];
const f = (channel: Finding['channel'], url: string, attributes: Finding['attributes'] = {}): Finding => ({ channel, detector: 'x', attributes, evidence: ev(url) });
const page = (pass: 'refuse' | 'accept', url: string, depth: number, links: string[], findings: Finding[] = [], finalUrl = url): RollupPage => ({
  pass,
  url,
  finalUrl,
  depth,
  path: [],
  links: links.map((l) => ({ url: l, label: `to ${l.split('/').pop()}` })),
  findings,
  error: null,
});

const H = 'https://www.a.fr/';

describe('roll-up', () => {
  it('counts the fewest clicks on the link graph, not the crawl depth', () => {
    const pages = [
      page('refuse', H, 0, [`${H}menu`, `${H}contact`]),
      page('refuse', `${H}menu`, 1, [`${H}aide`]),
      page('refuse', `${H}aide`, 2, [`${H}contact`]),
      // crawled via the menu first (depth 3), but the home page links it directly
      page('refuse', `${H}contact`, 3, [], [f('phone', `${H}contact`, { numbers: [{ number: '+33123456789', kind: 'geographic' }], hours: 'Mo-Fr 08:00-20:00' })]),
    ];
    const r = rollupChannels(pages, H);
    expect(r.phone).toMatchObject({ present: true, clicks: 1, url: `${H}contact`, consentGated: false, loginGated: false, hours: 'Mo-Fr 08:00-20:00', path: ['Accueil', 'to contact'] });
    expect(r.faq).toEqual({ present: false });
    expect(shortestPaths(pages, H).get(`${H}aide`)?.clicks).toBe(2);
  });
  it('follows redirects: a link to the old URL reaches the new page', () => {
    const pages = [page('refuse', H, 0, [`${H}old`]), page('refuse', `${H}old`, 1, [], [f('form', `${H}new`, { fields: 3 })], `${H}new`)];
    expect(rollupChannels(pages, H).form).toMatchObject({ present: true, clicks: 1, url: `${H}new`, fields: 3, subjectMenu: false });
  });
  it('marks channels seen only with cookies accepted as consentGated, and not those seen in both passes', () => {
    const pages = [
      page('refuse', H, 0, [], [f('livechat', H, { vendor: 'iadvize' })]),
      page('accept', H, 0, [], [f('livechat', H, { vendor: 'iadvize' }), f('chatbot', H, { vendor: 'inbenta' })]),
    ];
    const r = rollupChannels(pages, H);
    expect(r.chatbot).toMatchObject({ present: true, consentGated: true, vendor: 'inbenta', clicks: 0 });
    expect(r.livechat).toMatchObject({ present: true, consentGated: false, vendor: 'iadvize' });
  });
  it('is loginGated only when every finding is reserved to customers', () => {
    const gated = [page('refuse', H, 0, [`${H}c`]), page('refuse', `${H}c`, 1, [], [f('secure_messaging', `${H}c`, { loginGated: true })])];
    expect(rollupChannels(gated, H).secure_messaging).toMatchObject({ present: true, loginGated: true, clicks: 1 });
    const open = [page('refuse', H, 0, [`${H}c`], [f('form', H, { loginGated: true })]), page('refuse', `${H}c`, 1, [], [f('form', `${H}c`, { fields: 4 })])];
    expect(rollupChannels(open, H).form).toMatchObject({ loginGated: false, clicks: 0, fields: 4 });
  });
  it('merges attributes across pages: any boolean, largest count, union of lists, nearest hours', () => {
    const pages = [
      page('refuse', H, 0, [`${H}c`], [f('phone', H, { numbers: [{ number: '3247', kind: 'short' }], hours: null, callback: false })]),
      page('refuse', `${H}c`, 1, [], [f('phone', `${H}c`, { numbers: [{ number: '3247', kind: 'short', hours: 'Mo-Fr 09:00-18:00' }, { number: '+33800123456', kind: 'tollfree' }], hours: 'Mo-Fr 09:00-18:00', callback: true }), f('social', `${H}c`, { networks: ['x'] })]),
    ];
    const r = rollupChannels(pages, H);
    expect(r.phone.numbers).toEqual([
      { number: '3247', kind: 'short', hours: 'Mo-Fr 09:00-18:00' },
      { number: '+33800123456', kind: 'tollfree' },
    ]);
    expect(r.phone).toMatchObject({ clicks: 0, hours: 'Mo-Fr 09:00-18:00', callback: true, appointment: false });
    expect(r.social).toMatchObject({ clicks: 1, networks: ['x'] });
  });
});
