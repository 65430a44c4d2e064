/**
 * phone-number: customer-service phone numbers (channel `phone`).
 *
 * Finds:
 * - numbers in the visible text of the main document and of readable, visible frames, with
 *   libphonenumber-js/max (`findPhoneNumbersInText`, default country FR) after NFC and space
 *   normalisation (U+00A0, U+202F, U+2009… become spaces; derisk.md §4: U+202F is missed otherwise).
 *   The text is rebuilt block by block (p, li, div, td…), inline boundaries (span, a, button)
 *   become a space, so a number split across spans ("09 6<span>9 36</span> 39 39") is still one
 *   run of digit groups. Open shadow roots (`<template shadowrootmode>`) are read as rendered.
 * - numbers of overseas departments written nationally ("0262 12 34 56"), which the FR metadata
 *   does not accept, by retrying RE, YT, GP, MQ, GF;
 * - visible `tel:` links (the href is authoritative, even when the link text is "Appeler");
 * - short numbers (3xxx, "36 46", 10xx such as the operators' 1014, 1023, 1044, 1064) by our own
 *   rule, only with a phone word within 50 characters in the same block (appelez, composez, tél,
 *   téléphone, service, numéro, contact, joindre, assistance, "depuis un mobile", "prix appel",
 *   "€/min"), or followed by their hours ("3635, 7j/7", "3900 - 24h/24"), or for the spaced form
 *   "36 31" right after a capitalised service name or a colon ("Pôle emploi 39 49"); not glued to
 *   other digits (hours and a price per minute may follow), not followed by a counted noun ("3000
 *   conseillers") or a unit, not after "BP", "CS", "réf", "code", "taille", "prix"…
 * - national numbers followed by their price ("0892 350 350 0,34 €/min"), which libphonenumber
 *   glues to the price: a number with its price is a phone line, no phone word needed.
 * Kinds: FR numbers by their digits (01–05 geographic, 06/07 mobile, 09 and 0806–0809
 * nongeographic, 0800–0805 tollfree, 081x/082x/089x premium), other countries by getType().
 * Each number gets `hours` (frenchHoursToOsm on the rest of its block up to the next number, then
 * the end of its block after its last number, then up to three following blocks, then the text
 * before it in its block, then up to two previous blocks; only blocks of the number's card, i.e.
 * its nearest container holding other blocks, widened by one level when that card is a list of
 * numbers; a heading stops the search, a block holding another number is passed over unless it
 * has hours of its own: "Nos conseillers vous répondent du lundi au vendredi…" printed after a
 * block of numbers belongs to all of them) and `label` (the last service word before it:
 * "Service client", "Relation client", "Opposition", "Depuis l'étranger"…).
 * Page attributes: `numbers`, `hours` (those of the first number labelled service client /
 * relation client / service consommateurs, else of the first number with hours, else null),
 * `callback`, `appointment`, `accessible` (text cues, and links / frames / requests to the relay
 * services deafiline.net, elioz, acce-o, rogervoice, tadeo).
 * One finding per page when at least one number is found OR a call-back or a phone appointment
 * is offered (the channel exists even when the number is given only once booked); an accessible
 * cue alone gives no finding (accessibility pages describe the relay without a number).
 *
 * Deliberately ignored: numbers only in hidden elements (data-ct-hidden="1"), hidden tel: links,
 * numbers published only as a WhatsApp / SMS contact (the number of a wa.me, api.whatsapp.com or
 * sms: link on the page, unless it also has a tel: link: that is the messaging channel), form
 * examples ("ex. : 01 23 45 67 89", "06 00 00 00 00": eight identical trailing digits),
 * numbers whose nearest preceding label is Fax / Télécopie, numbers right after a legal or
 * reference word (SIREN, SIRET, RCS, ORIAS, TVA, IBAN, capital, commande, dossier, contrat, réf,
 * facture, identifiant, code d'accès, n° client, référence client…),
 * digit runs glued to other digits (SIRET, IBAN), text digits that do not start with 0 or +
 * (a 9-digit SIREN "552 120 222" is a valid FR national number for libphonenumber), emergency
 * numbers (15, 17, 112…), 118xxx directories.
 *
 * Known false positives: numbers of shops, agencies or partners listed on the page count as
 * phone numbers (they are geographic lines, the roll-up may want to tell them apart by label);
 * a 3xxx/10xx quantity near the word "service" that is followed by a word
 * not in our counted-noun list; a 10-digit reference starting with 0 and not labelled; the label
 * and hours of a neighbouring number in dense tables; a number alone in a footer column takes the
 * hours of the next column ("Horaires du magasin …"), since a card and two columns have the same
 * shape; a label written after a number ("0800 123 456, numéro vert, … ou au 3639") goes to the
 * next number.
 *
 * Tried and rejected: one regex for numbers (`(?:\+33|0)[1-9](?:[\s.-]?\d{2}){4}`): misses "0 800
 * 123 456" and "+33 (0)1", and finds runs inside IBANs; `findPhoneNumbersInText` on the whole page
 * text: loses the block boundaries needed for hours and labels, and a digit starting the next
 * block glues onto the number ("09 70 80 81 82 7j/7" is then not found), so it runs per block;
 * requiring a keyword for every number: many pages show the number alone in a big button; hours
 * from any following block: a number in a top bar took the hours of the first card below it.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import type { CheerioAPI } from 'cheerio';
import type { Evidence, Finding, PhoneKind, PhoneNumberAttr } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { frenchHoursToOsm } from './lib/opening-hours.ts';
import { blockText, collapse, foldSameLength, type DocText, type TextBlock } from './lib/text.ts';
import { isHidden, select } from './lib/dom.ts';
import { hostOf } from './lib/url.ts';
import { MAIN_LABEL, RELAY_HOSTS, ACCESS_TEXT, CALLBACK_TEXT, APPOINTMENT_TEXT, OVERSEAS, kindOf, labelBefore, type Hit, numbersInText, contextOf } from './lib/phone-text.ts';

// ---------------------------------------------------------------- visible text, block by block


interface Collected {
  attr: PhoneNumberAttr;
  evidence: Evidence[];
}

function addNumber(out: Map<string, Collected>, number: string, kind: PhoneKind, hours: string | null, label: string | undefined, ev: Evidence) {
  const have = out.get(number);
  if (!have) {
    const attr: PhoneNumberAttr = { number, kind, hours };
    if (label) attr.label = label;
    out.set(number, { attr, evidence: [ev] });
    return;
  }
  if (!have.attr.hours && hours) have.attr.hours = hours;
  if (!have.attr.label && label) have.attr.label = label;
  if (!have.evidence.some((e) => e.source === ev.source && e.signal === ev.signal)) have.evidence.push(ev);
}

function telLinks(page: PageView, $: CheerioAPI, source: 'dom' | 'frame', framePrefix: string, out: Map<string, Collected>, hoursOf: (s: string) => string | null) {
  select($, 'a[href]').each((_, el) => {
    const href = ($(el).attr('href') ?? '').trim();
    if (!/^tel:/i.test(href)) return;
    if (isHidden($, el)) return;
    const a = $(el);
    const ownText = `${a.text()} ${a.attr('title') ?? ''} ${a.attr('aria-label') ?? ''}`;
    if (/\b(?:fax|t[ée]l[ée]copie)\b/i.test(ownText)) return;
    let value = href.slice(4);
    try {
      value = decodeURIComponent(value);
    } catch {
      /* keep raw */
    }
    value = value.split(/[;?,]/)[0] ?? '';
    const compact = value.replace(/[\s().\-\u00A0\u202F]/g, '');
    let number: string | null = null;
    let kind: PhoneKind = 'short';
    if (/^(?:3\d{3}|10\d{2})$/.test(compact)) number = compact;
    else {
      let p = parsePhoneNumberFromString(compact, 'FR');
      if (!p || !p.isValid()) p = OVERSEAS.map((c) => parsePhoneNumberFromString(compact, c)).find((q) => q && q.isValid());
      if (p && p.isValid()) {
        number = p.number;
        kind = kindOf(p);
      }
    }
    if (!number) return;
    // context: the nearest block ancestor; one level up when that holds only the link
    const own = collapse(a.text());
    let ctx = own;
    let node = a.closest('p, li, td, dd, dt, div, section, article, footer, header, aside');
    for (let i = 0; i < 2 && node.length; i++) {
      const t = collapse(node.text());
      if (t.length > 250) break;
      ctx = t;
      if (t.length > own.length + 5) break;
      node = node.parent();
    }
    const hours = ctx ? hoursOf(ctx.replace(/[\d\s.]{10,}/g, ' ')) : null;
    const label = labelBefore(ctx.split(own || '\u0000')[0] ?? '') ?? labelBefore(ctx);
    const sel = `${framePrefix}a[href="${href.replace(/"/g, '\\"')}"]`;
    addNumber(out, number, kind, hours, label, evidence(page.url, source, 'tel-link', href, sel));
  });
}

function detect(page: PageView): Finding[] {
  const out = new Map<string, Collected>();
  const docs: { $: CheerioAPI; source: 'text' | 'frame'; prefix: string }[] = [{ $: page.$, source: 'text', prefix: '' }];
  for (const f of page.frames) if (f.visible) docs.push({ $: f.$, source: 'frame', prefix: `iframe[src="${f.url}"] >> ` });

  // the same hours sentence is often repeated next to several numbers
  const hoursCache = new Map<string, string | null>();
  const hoursOf = (t: string): string | null => {
    if (!/\d|jour|lundi|semaine/i.test(t)) return null;
    if (!hoursCache.has(t)) hoursCache.set(t, frenchHoursToOsm(t));
    return hoursCache.get(t)!;
  };
  const allText: string[] = [];
  for (const d of docs) {
    const doc = blockText(d.$);
    allText.push(doc.text);
    const hits = numbersInText(doc);
    const byBlock = new Map<number, Hit[]>();
    for (const h of hits) byBlock.set(h.block, [...(byBlock.get(h.block) ?? []), h]);
    for (const h of hits) {
      const { hours, label } = contextOf(doc, h, byBlock, hoursOf);
      addNumber(out, h.number, h.kind, hours, label, evidence(page.url, d.source, h.signal, h.raw, d.prefix || undefined));
    }
    telLinks(page, d.$, d.source === 'text' ? 'dom' : 'frame', d.prefix, out, hoursOf);
  }

  const text = allText.join(' ');
  const f = foldSameLength(text);
  const extra: Evidence[] = [];
  const snippet = (re: RegExp): string | null => {
    const m = re.exec(f);
    if (!m) return null;
    return text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30);
  };
  const cb = snippet(CALLBACK_TEXT);
  if (cb) extra.push(evidence(page.url, 'text', 'callback-offer', cb));
  const ap = snippet(APPOINTMENT_TEXT);
  if (ap) extra.push(evidence(page.url, 'text', 'phone-appointment', ap));
  let access = snippet(ACCESS_TEXT) ?? (/\bLSF\b/.test(text) ? 'LSF' : null);
  if (access) extra.push(evidence(page.url, 'text', 'deaf-access-text', access));
  else {
    const urls: { url: string; source: 'dom' | 'frame' | 'request' }[] = [];
    select(page.$, 'a[href], iframe[src]').each((_, el) => {
      urls.push({ url: page.$(el).attr('href') ?? page.$(el).attr('src') ?? '', source: 'dom' });
    });
    for (const fr of page.snapshot.frames ?? []) urls.push({ url: fr.url, source: 'frame' });
    for (const r of page.snapshot.requests ?? []) urls.push({ url: r.url, source: 'request' });
    const hit = urls.find((u) => {
      const host = hostOf(u.url);
      return host !== null && RELAY_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
    });
    if (hit) {
      access = hit.url;
      extra.push(evidence(page.url, hit.source, 'deaf-relay-link', hit.url));
    }
  }

  // a number shown only as a WhatsApp / SMS contact is a messaging channel, not a phone line
  const messagingOnly = messagingNumbers(page);
  for (const [num, c] of [...out]) {
    if (messagingOnly.has(num) && !c.evidence.some((e) => e.signal === 'tel-link')) out.delete(num);
  }
  const collected = [...out.values()];
  if (!collected.length && !cb && !ap) return [];
  const numbers = collected.map((c) => c.attr);
  const main = numbers.find((n) => n.label && MAIN_LABEL.test(foldSameLength(n.label)));
  const hours = main ? (main.hours ?? null) : (numbers.find((n) => n.hours)?.hours ?? null);
  const ev = [...collected.flatMap((c) => c.evidence).slice(0, 20 - extra.length), ...extra];
  return [
    {
      channel: 'phone',
      detector: 'phone-number',
      attributes: { numbers, hours, callback: !!cb, appointment: !!ap, accessible: !!access },
      evidence: ev,
    },
  ];
}

/** E.164 numbers of wa.me / api.whatsapp.com / sms: links */
function messagingNumbers(page: PageView): Set<string> {
  const set = new Set<string>();
  const docs = [page.$, ...page.frames.filter((f) => f.visible).map((f) => f.$)];
  for (const $ of docs) {
    select($, 'a[href]').each((_, el) => {
      const href = ($(el).attr('href') ?? '').trim();
      let digits: string | null = null;
      const wa = /^(?:https?:\/\/)?(?:wa\.me\/|(?:api|web)\.whatsapp\.com\/send\/?\?(?:.*&)?phone=)\+?(\d{6,15})/i.exec(href);
      if (wa) digits = `+${wa[1]}`;
      else if (/^sms:/i.test(href)) digits = href.slice(4).split(/[?;&]/)[0] ?? null;
      if (!digits) return;
      const p = parsePhoneNumberFromString(digits.replace(/[^\d+]/g, ''), 'FR');
      if (p && p.isValid()) set.add(p.number);
    });
  }
  return set;
}


export const phoneNumberDetector: Detector = {
  id: 'phone-number',
  version: 3,
  channels: ['phone'],
  needs: ['html', 'frames', 'requests'],
  detect,
};
