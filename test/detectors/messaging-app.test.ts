import { describe, expect, it } from 'vitest';
import { messagingApp, messagingAppDetector } from '../../detectors/messaging-app.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

const detect = (html: string, opts = {}) => messagingAppDetector.detect(pageFromHtml(html, opts));
const appsOf = (html: string, opts = {}): string[] => detect(html, opts)[0]?.attributes.apps ?? [];
const base = 'https://www.a.fr/';

describe('messaging-app detector', () => {
  it('is a messaging detector', () => {
    expect(messagingAppDetector.id).toBe('messaging-app');
    expect(messagingAppDetector.channels).toEqual(['messaging']);
  });

  it('finds WhatsApp, Messenger and the SMS offer of a retail page, not its share buttons', () => {
    const findings = detect(savedPage('retail-home-footer.html'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.attributes).toEqual({ apps: ['whatsapp', 'messenger', 'sms'] });
    expect(findings[0]!.evidence).toEqual([
      {
        url: 'https://www.exemple-banque.fr/',
        source: 'dom',
        signal: 'whatsapp-link',
        detail: 'https://wa.me/33612345678',
        selector: 'a[href="https://wa.me/33612345678"]',
      },
      {
        url: 'https://www.exemple-banque.fr/',
        source: 'dom',
        signal: 'messenger-link',
        detail: 'https://m.me/EnseigneExemple',
        selector: 'a[href="https://m.me/EnseigneExemple"]',
      },
      { url: 'https://www.exemple-banque.fr/', source: 'text', signal: 'sms-offer-text', detail: 'écrire par SMS au 36 180' },
    ]);
  });

  it('classifies conversation links', () => {
    const cases: [string, string][] = [
      ['https://wa.me/33612345678?text=Bonjour', 'whatsapp'],
      ['https://api.whatsapp.com/send?phone=33612345678', 'whatsapp'],
      ['https://web.whatsapp.com/send?phone=+33612345678&text=x', 'whatsapp'],
      ['whatsapp://send?phone=33612345678', 'whatsapp'],
      ['https://wa.me/message/ABCDEF123', 'whatsapp'],
      ['https://wa.link/abc123', 'whatsapp'],
      ['https://m.me/BanqueExemple', 'messenger'],
      ['https://www.messenger.com/t/123456789', 'messenger'],
      ['https://bcrw.apple.com/urn:biz:12345678-1234-1234-1234-123456789012', 'apple-messages'],
      ['https://t.me/BanqueExempleBot', 'telegram'],
      ['sms:+33612345678', 'sms'],
      ['sms:36180?body=AIDE', 'sms'],
    ];
    for (const [href, app] of cases) expect(messagingApp(href, base), href).toBe(app);
  });

  it('ignores share and invite links', () => {
    const decoys = [
      'https://wa.me/?text=https%3A%2F%2Fa.fr',
      'https://api.whatsapp.com/send?text=https%3A%2F%2Fa.fr',
      'whatsapp://send?text=x',
      'https://chat.whatsapp.com/AbCdEf123',
      'fb-messenger://share/?link=x',
      'https://m.me/',
      'https://t.me/share/url?url=x',
      'https://t.me/joinchat/AAAA',
      'https://t.me/+AbCdEf',
      'sms:?body=https%3A%2F%2Fa.fr',
      'https://www.whatsapp.com/',
    ];
    for (const href of decoys) expect(messagingApp(href, base), href).toBeNull();
    expect(detect(decoys.map((h) => `<a href="${h}">x</a>`).join(''))).toEqual([]);
  });

  it('finds Apple Messages for Business by global, script, request and button', () => {
    expect(appsOf('<p>x</p>', { globals: ['appleBusinessChat'] })).toEqual(['apple-messages']);
    expect(appsOf('<script src="https://static.cdn-apple.com/businesschat/start-chat-button/2/index.js"></script>')).toEqual(['apple-messages']);
    expect(appsOf('<p>x</p>', { requests: [{ url: 'https://cdn.a.fr/js/apple_message_button.js' }] })).toEqual(['apple-messages']);
    expect(appsOf('<div class="apple-business-chat-message-container" data-apple-business-id="abc-123"></div>')).toEqual(['apple-messages']);
  });

  it('reads SMS offers with a number, not security codes or scam warnings', () => {
    expect(appsOf('<p>Envoyez-nous un SMS au 06 12 34 56 78, nous vous répondons.</p>')).toEqual(['sms']);
    expect(appsOf('<p>Écrivez-nous par SMS au 36 180 (prix d’un SMS).</p>')).toEqual(['sms']);
    expect(appsOf('<p>Vous recevrez un code par SMS au 06 12 34 56 78.</p>')).toEqual([]);
    expect(appsOf('<p>Ne répondez jamais aux messages frauduleux reçus par SMS au 06 12 34 56 78.</p>')).toEqual([]);
    expect(appsOf('<p>Recevez vos alertes par SMS.</p>')).toEqual([]);
  });

  it('does not throw on empty or malformed HTML', () => {
    expect(detect('')).toEqual([]);
    expect(detect('<a href="sms:%E0%A4%A">x</a><a href="https://wa.me/%%">y</a>')).toEqual([]);
  });
});
