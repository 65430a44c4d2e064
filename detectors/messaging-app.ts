/**
 * messaging-app: instant messaging to reach the actor (channel `messaging`).
 *
 * Finds (links of the main document and readable visible frames, hidden ones included: floating
 * "WhatsApp" buttons are often shown on mobile only):
 * - whatsapp: wa.me/<number>, wa.me/message/<code>, api.whatsapp.com/send?phone=<number>,
 *   web.whatsapp.com/send?phone=…, whatsapp://send?phone=…, wa.link/<code>;
 * - messenger: m.me/<page>, messenger.com/t/<id>, facebook.com/messages/t/<id>;
 * - apple-messages: links to bcrw.apple.com/…, the `appleBusinessChat` global, a script or
 *   request whose URL contains "apple_message_button" / "businesschat" / bcrw.apple.com, and
 *   elements with `data-apple-business-id`;
 * - telegram: t.me/<account>, telegram.me/<account>, tg://resolve?domain=…;
 * - sms: `sms:` links with a number, and text offers "par SMS au 36xxx / 06…", "envoyez (-nous)
 *   un SMS au …", "SMS : 06…" (a number must follow).
 * Attribute `apps`, in the order whatsapp, messenger, apple-messages, telegram, sms.
 *
 * Deliberately ignores: share buttons (wa.me/?text=…, api.whatsapp.com/send?text=… without a
 * phone, whatsapp://send?text=…, fb-messenger://share, t.me/share/url, sms:?body=…), WhatsApp
 * group invites (chat.whatsapp.com) and Telegram invites (t.me/joinchat, t.me/+…), which are
 * communities, and "code envoyé par SMS" (security codes: no number follows).
 *
 * Known false positives: a messaging link of another organisation; "par SMS au 06…" in a
 * scam-warning text ("ne répondez pas aux SMS du 06…" does not match, "par SMS au" does).
 *
 * Tried and rejected: counting WhatsApp / Messenger icons without a link (decorative icons in
 * share bars are common).
 */
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { pageLinks } from './lib/links.ts';
import { select } from './lib/dom.ts';
import { foldSameLength } from './lib/text.ts';
import { bareHost, parseUrl } from './lib/url.ts';

export const APP_ORDER = ['whatsapp', 'messenger', 'apple-messages', 'telegram', 'sms'] as const;
type App = (typeof APP_ORDER)[number];

const hasDigits = (s: string | null | undefined, n = 6) => !!s && s.replace(/\D/g, '').length >= n;

/** which messaging app a link opens a conversation with, or null */
export function messagingApp(href: string, base: string): App | null {
  const h = href.trim();
  if (/^sms:/i.test(h)) {
    const num = h.slice(4).split(/[?;&]/)[0] ?? '';
    let decoded = num;
    try {
      decoded = decodeURIComponent(num);
    } catch {
      /* keep */
    }
    return hasDigits(decoded, 4) ? 'sms' : null;
  }
  if (/^whatsapp:/i.test(h)) {
    const u = parseUrl(h.replace(/^whatsapp:\/\//i, 'https://whatsapp.invalid/'), base);
    return u && hasDigits(u.searchParams.get('phone')) ? 'whatsapp' : null;
  }
  if (/^tg:/i.test(h)) {
    const u = parseUrl(h.replace(/^tg:\/\//i, 'https://tg.invalid/'), base);
    return u && u.searchParams.get('domain') ? 'telegram' : null;
  }
  const u = parseUrl(h, base);
  if (!u || !/^https?:$/.test(u.protocol)) return null;
  const host = bareHost(u);
  const seg = u.pathname.split('/').filter(Boolean);
  if (host === 'wa.me') {
    if (seg[0] === 'message' && seg[1]) return 'whatsapp';
    if (seg[0] === 'c' && hasDigits(seg[1])) return 'whatsapp';
    return hasDigits(seg[0]) ? 'whatsapp' : null;
  }
  if (host === 'wa.link') return seg[0] ? 'whatsapp' : null;
  if (host === 'api.whatsapp.com' || host === 'web.whatsapp.com' || host === 'whatsapp.com') {
    if (/^(?:send|message)$/.test(seg[0] ?? '') && (hasDigits(u.searchParams.get('phone')) || (seg[0] === 'message' && seg[1]))) return 'whatsapp';
    return null;
  }
  if (host === 'm.me') return seg[0] && seg[0] !== 'share' ? 'messenger' : null;
  if (host === 'messenger.com' && seg[0] === 't' && seg[1]) return 'messenger';
  if (/^(?:[a-z-]+\.)?facebook\.com$/.test(host) && seg[0] === 'messages' && seg[1] === 't' && seg[2]) return 'messenger';
  if (host === 'bcrw.apple.com' && seg.length) return 'apple-messages';
  if (host === 't.me' || host === 'telegram.me' || host === 'telegram.dog') {
    const first = seg[0] ?? '';
    if (!first || /^(?:share|joinchat|addstickers|addtheme|proxy|socks|setlanguage|iv|s)$/i.test(first) || first.startsWith('+')) return null;
    return /^[A-Za-z0-9_]{4,32}$/.test(first) ? 'telegram' : null;
  }
  return null;
}

const SMS_OFFER =
  /(?:\b(?:par\s+sms|envoye[rz](?:[-\s]nous)?\s+(?:un\s+)?sms|(?:ecrivez|ecrire)[-\s](?:nous\s+)?par\s+sms)\s*(?:au\s+numero|au|sur\s+le|a\s+ce\s+numero|:)\s*:?|\bsms\s*:)\s*(?:le\s+)?((?:\+33\s?|0)[67](?:[\s.]?\d{2}){4}|\b[3-8]\d\s?\d{3}\b|\b3\d\s?\d{2}\b)/g;
/** an SMS the actor sends (codes) or a scam warning, not an offer to text the actor */
const SMS_NOT_OFFER = /(?:code|recevr\w*|recevez|recu|envoyons|envoie|arnaque|fraud\w*|phishing|hameconnage|ne\s+repondez|suspect\w*)[^.]{0,40}$/;
const APPLE_PATTERNS = /apple_message_button|businesschat|business-chat|bcrw\.apple\.com/i;

function detect(page: PageView): Finding[] {
  const found = new Map<App, Evidence>();
  const add = (app: App, e: Evidence) => {
    if (!found.has(app)) found.set(app, e);
  };
  for (const l of pageLinks(page)) {
    const app = messagingApp(l.href, l.frame || page.url);
    if (app) add(app, evidence(page.url, l.frame ? 'frame' : 'dom', `${app}-link`, l.href + (l.hidden ? ' (hidden)' : ''), l.selector));
  }
  // Apple Messages for Business
  if ((page.snapshot.globals ?? []).includes('appleBusinessChat')) add('apple-messages', evidence(page.url, 'global', 'apple-business-chat-global', 'appleBusinessChat'));
  select(page.$, 'script[src]').each((_, el) => {
    const src = page.$(el).attr('src') ?? '';
    if (APPLE_PATTERNS.test(src)) add('apple-messages', evidence(page.url, 'script', 'apple-business-chat-script', src));
  });
  for (const r of page.snapshot.requests ?? []) {
    if (APPLE_PATTERNS.test(r.url)) add('apple-messages', evidence(page.url, 'request', 'apple-business-chat-request', r.url));
  }
  const appleEl = select(page.$, '[data-apple-business-id]').first();
  if (appleEl.length) add('apple-messages', evidence(page.url, 'dom', 'apple-business-chat-button', appleEl.attr('data-apple-business-id') ?? '', '[data-apple-business-id]'));

  // "par SMS au 36xxx"
  const f = foldSameLength(page.text);
  SMS_OFFER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SMS_OFFER.exec(f))) {
    if (SMS_NOT_OFFER.test(f.slice(Math.max(0, m.index - 60), m.index))) continue;
    add('sms', evidence(page.url, 'text', 'sms-offer-text', page.text.slice(m.index, m.index + m[0].length)));
    break;
  }

  if (!found.size) return [];
  const apps = APP_ORDER.filter((a) => found.has(a));
  return [{ channel: 'messaging', detector: 'messaging-app', attributes: { apps: [...apps] }, evidence: apps.map((a) => found.get(a)!) }];
}

export const messagingAppDetector: Detector = {
  id: 'messaging-app',
  version: 1,
  channels: ['messaging'],
  needs: ['html', 'frames', 'requests', 'globals'],
  globals: ['appleBusinessChat'],
  detect,
};
