/**
 * Which chat vendors a page requested (crawler/journey/settle.ts): the wait for a launcher happens
 * only for them, so a vendor known by its script path or URL pattern (served from the customer's
 * own domain, no vendor host) must count as much as one known by its host.
 */
import { EventEmitter } from 'node:events';
import type { Page, Request } from 'playwright';
import { describe, expect, it } from 'vitest';
import { loadChatVendors } from '../../detectors/data/chat-vendors.ts';
import { vendorsRequested } from '../../crawler/journey/settle.ts';
import { RequestLog } from '../../crawler/journey/requests.ts';

const req = (url: string) => ({ url: () => url, resourceType: () => 'script', response: async () => ({ status: () => 200 }) }) as unknown as Request;

function requested(urls: string[]): string[] {
  const page = new EventEmitter();
  const log = new RequestLog(page as unknown as Page);
  for (const u of urls) page.emit('request', req(u));
  const ids = [...vendorsRequested(log, loadChatVendors())].map((v) => v.id).sort();
  log.detach();
  return ids;
}

describe('chat vendors requested by a page', () => {
  it('knows a vendor by its script host', () => {
    expect(requested(['https://www.banque.fr/app.js', 'https://lc.iadvize.com/iadvize.js?sid=123'])).toEqual(['iadvize']);
  });

  it('knows a vendor by the URL pattern of a script on the customer’s own domain (Salesforce MIAW)', () => {
    expect(requested(['https://vervaneauto.my.site.com/ESWVervaneMessaging1712345678901/assets/js/bootstrap.min.js'])).toEqual(['salesforce-miaw']);
  });

  it('names none for first-party scripts and analytics', () => {
    expect(requested(['https://www.banque.fr/assets/js/main.js', 'https://www.googletagmanager.com/gtm.js?id=GTM-X'])).toEqual([]);
  });
});
