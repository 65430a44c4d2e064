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
import { isHidden } from './lib/dom.ts';
import { hostOf } from './lib/url.ts';

// ---------------------------------------------------------------- visible text, block by block


// ---------------------------------------------------------------- rules

const LEGAL_WORD =
  /\b(?:siren|siret|rcs|r\.c\.s|orias|tva|iban|bic|rib|naf|ape|capital|immatricul\w*|agrement|ref|reference|facture|identifiant|login|mot\s+de\s+passe|code\s+(?:d'acces|d'activation|confidentiel|personnel|client|secret|abonne)|reference\s+client|(?:n°|no|numero)\s*(?:de\s+|d'|du\s+)?(?:commande|dossier|contrat|client|adherent|abonne|facture|sinistre|colis|suivi|siren|siret|tva|orias|compte|carte)|(?:commande|dossier|contrat|facture|colis|compte)\s*(?:n°|no\b))/g;
const PHONE_WORD = /\b(?:tel(?:ephone\w*)?|appel\w*|compos\w*|numero|joindre|contact\w*|service\w*|ligne|standard|mobile|portable)\b/g;
const FAX_WORD = /\b(?:fax|telecopie|telecopieur)\b/g;

const LABEL_RE =
  /\b(service\s+(?:client(?:s|ele)?|consommateurs?|abonnes?|apres[-\s]vente|relations?\s+client(?:s|ele)?|adherents?|usagers?|assistance)|relations?\s+client(?:s|ele)?|espace\s+client\w*|numero\s+(?:vert|unique|gratuit)|sav|assistance(?:\s+technique|\s+24h\/24)?|standard|urgences?|opposition(?:\s+carte)?|sinistres?|depannage|reclamations?|depuis\s+l'etranger|de\s+l'etranger|depuis\s+un\s+mobile|conseillers?(?:\s+clientele)?|hotline|support(?:\s+technique)?|accueil(?:\s+telephonique)?|ligne\s+directe|ecoute|mediateur)\b/g;
const MAIN_LABEL = /service\s+(?:client|consommateur|abonne)|relation\s+client/;

/** what may follow a number and start with a digit without being part of it: its hours ("3635, 7j/7",
 * "3900 - 24h/24", "3949 8h-20h") or its price ("0892 350 350 0,34 €/min") */
const HOURS_OR_PRICE_AFTER = String.raw`\s?[,\-–—(:]?\s?(?:\d{1,2}\s?(?:j(?:ours)?|h(?:eures)?)(?![a-z])|\d+[,.]\d{1,2}\s?(?:€|eur))`;
const SHORT_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+,.\-\/])(3\d{3}|3\d\s\d{2}|10\d{2})(?![\p{L}\p{N}]|[.,]\d|(?!${HOURS_OR_PRICE_AFTER})\s?[.,\-\/]?\s?\d)`,
  'gu',
);
const SHORT_KEYWORD =
  /\b(?:appel\w*|compos\w*|tel(?:ephone\w*)?|numero|service|contact\w*|joindre|joignable|hotline|assistance|allo|depuis\s+(?:un|une|votre)\s+(?:mobile|portable|fixe|ligne|box)|prix\s+(?:d'un\s+)?appel)\b|€\s?\/\s?(?:min|appel)|€\s?ttc\s?\/\s?min/;
/** hours right after a short number say it is a phone line: "3635, 7j/7", "3900 - 24h/24", "3949 du lundi…" */
const SHORT_HOURS_AFTER =
  /^\s?[,\-–—:(]?\s*(?:7\s?j(?:ours)?\s?(?:\/|sur)\s?7|24\s?h(?:eures)?\s?(?:\/|sur)\s?24|du\s+lundi|de\s+\d{1,2}\s?h|\d{1,2}\s?h(?:\d{2})?\s?[-–a]\s?\d{1,2}\s?h|(?:tous\s+les\s+jours|en\s+semaine)\b)/;
/** "Pôle emploi 39 49", "Info Retraite : 39 60": the spaced pair is how short numbers are printed; after a
 * capitalised name or a colon it needs no phone word (a quantity is written "3 949", not "39 49") */
const SPACED_SHORT_AFTER_NAME = /(?:[\p{Lu}][\p{L}'’.\-]*(?:\s+[\p{L}'’.\-]+){0,2}\s*:?|:)\s*$/u;
const SHORT_BAD_BEFORE =
  /(?:\b(?:ref|reference|code|bp|cs|cedex|art|article|page|p|version|v|lot|tailles?|pointures?|prix|tarif|montant|total|quantite|dossier|contrat|commande|facture|annee|an|en|depuis|plus\s+de|pres\s+de|environ|sur|rue|avenue|bd|boulevard|route|chemin)\.?\s*(?:n°|no)?\s*:?|[-–/]|\d)\s*$/;
const SHORT_BAD_AFTER =
  /^\s*(?:€|eur\b|euros?\b|%|km|kg|m2|m²|m\b|h\b|ans?\b|mois\b|jours?\b|heures?\b|conseillers?|clients?|agences?|collaborateurs?|salaries?|personnes?|points?|magasins?|boutiques?|bureaux|emplois?|postes?|exemplaires?|produits?|articles?|dollars?|habitants?|communes?|entreprises?|membres?|adherents?|experts?|references?|avis|visiteurs?|utilisateurs?|sites?|metres?|pieces?|places?|appels?\s+par|demandes?|questions?|reponses?|etablissements?|partenaires?|caracteres?|[a-z]+\s+(?:cedex|france))/;

/** "1050 Bruxelles", "3000 Leuven": a capitalised word after a 4-digit number is a city, unless it is a phone word */
const CITY_AFTER = /^\s+(?!(?:Service|Services|Appel|Appels|Prix|Gratuit|Num|Tél|Tel|Depuis|Du|De|Le|La|Les|Lun|Ouvert|Accessible|Disponible|Non|Choix|Touche|Puis|Ou|Et|Sans|Avec|Pour|Par|Joignable|Conseiller)\b)[A-ZÉÈ][a-zà-ÿ]{2,}/;

const RELAY_HOSTS = ['deafiline.net', 'elioz.fr', 'elioz.com', 'acce-o.fr', 'acceo.fr', 'rogervoice.com', 'tadeo.fr'];
const ACCESS_TEXT =
  /\bsourd(?:e)?s?\s+(?:et|ou|&|\/)\s+malentendant|\bmalentendant(?:e)?s?\b|\blangue\s+des\s+signes\b|\btranscription\s+(?:instantanee|en\s+temps\s+reel|ecrite)\b|\bttrp\b|\bdeficient(?:e)?s?\s+auditi/;
const CALLBACK_TEXT = new RegExp(
  [
    String.raw`\b(?:etre|soyez|se\s+faire|me\s+faire|vous\s+faire|faites[-\s]vous)\s+rappele(?:e|s|es)?\b`,
    String.raw`\brappel\s+(?:gratuit|immediat|telephonique|par\s+un\s+(?:conseiller|expert))`,
    String.raw`\bdemande(?:r|z)?\s+(?:un|de|votre)\s+rappel\b`,
    // "nous vous rappelons que…" means "we remind you that…"
    String.raw`\b(?:nous|on)\s+vous\s+rappel(?:ons|le|lerons|lera)\b(?!\s+(?:que|qu'|les?\b|la\b|l'|vos\b|votre\b|nos\b|notre\b|ces\b|cette\b|aussi|egalement|enfin|toutefois|cependant|donc|par\s+ailleurs|au\s+passage))`,
    String.raw`\brappelez[-\s]moi\b`,
    String.raw`\b(?:conseiller|expert|nous)\s+(?:peut|pourra|pouvons|pourrons|va|vont)\s+vous\s+rappeler\b`,
    String.raw`\b(?:planifier|programmer|reserver|choisir)\s+(?:un|votre|l'heure\s+de\s+votre)\s+(?:appel|rappel)\b`,
  ].join('|'),
);
const APPOINTMENT_TEXT =
  /\b(?:rendez[-\s]vous|rdv)\s+(?:telephonique|tel\b|tel\.|par\s+telephone|au\s+telephone)|\b(?:rendez[-\s]vous|rdv)\b[^.!?]{0,50}\bpar\s+telephone\b|\bentretien\s+telephonique\b/;

// ---------------------------------------------------------------- kinds

const OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF'];

function kindOf(p: PhoneNumber): PhoneKind {
  if (p.countryCallingCode === '33') {
    const n = p.nationalNumber;
    if (/^[1-5]/.test(n)) return 'geographic';
    if (/^[67]/.test(n)) return 'mobile';
    if (/^9/.test(n)) return 'nongeographic';
    if (/^80[0-5]/.test(n)) return 'tollfree';
    if (/^80[6-9]/.test(n)) return 'nongeographic';
    if (/^8[129]/.test(n)) return 'premium';
  }
  switch (p.getType()) {
    case 'FIXED_LINE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'geographic';
    case 'MOBILE':
      return 'mobile';
    case 'TOLL_FREE':
      return 'tollfree';
    case 'PREMIUM_RATE':
    case 'SHARED_COST':
      return 'premium';
    default:
      return 'nongeographic';
  }
}

// ---------------------------------------------------------------- helpers

function lastIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return last;
}

/**
 * rejected because the nearest word before it is a fax or a legal/reference word. The window is the
 * 60 characters before the number, cut after the previous number (a label belongs to the number
 * right after it): "Fax (correspondance des entreprises uniquement) : 01 45…" keeps its label.
 */
const PREVIOUS_NUMBER = /\d(?:[\s.\-]?\d){5,}/g;
function badContext(before: string): boolean {
  let f = foldSameLength(before).slice(-60);
  const prev = lastIndexOf(PREVIOUS_NUMBER, f);
  if (prev > 0) f = f.slice(prev);
  const phone = lastIndexOf(PHONE_WORD, f);
  const fax = lastIndexOf(FAX_WORD, f);
  const legal = lastIndexOf(LEGAL_WORD, f);
  // "Tél./Fax : 01…" is both
  if (fax > phone && !/\btel\.?\s*(?:\/|et|&|-)\s*(?:fax|telecopie)$/.test(f.slice(0, fax))) return true;
  if (legal > phone) return true;
  return false;
}

function labelBefore(before: string): string | undefined {
  // typographic apostrophes ("Depuis l’étranger") as straight ones, same length
  const f = foldSameLength(before).replace(/[’‘]/g, "'");
  LABEL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let found: { i: number; len: number } | null = null;
  while ((m = LABEL_RE.exec(f))) found = { i: m.index, len: m[0].length };
  if (!found) return undefined;
  const raw = before.slice(found.i, found.i + found.len);
  return raw.charAt(0).toUpperCase() + raw.slice(1);
}

interface Hit {
  /** index of the block in DocText.blocks */
  block: number;
  number: string;
  kind: PhoneKind;
  start: number;
  end: number;
  raw: string;
  signal: string;
}

function acceptSpan(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  const after = text.slice(end, end + 3);
  if (/\d[\s.\-/]?$/.test(before)) return false;
  if (/^[\s.\-/]?\d/.test(after) && !new RegExp(`^${HOURS_OR_PRICE_AFTER}`).test(text.slice(end, end + 20))) return false;
  if (/^\s?[€%]/.test(after)) return false;
  return true;
}

/** numbers in one document's visible text, block by block (a digit starting the next block would
 * otherwise glue onto a number: "… 81 82 | 7j/7") */
function numbersInText(doc: DocText): Hit[] {
  const hits: Hit[] = [];
  const NATIONAL = /(?<![\d+])0[1-9](?:[\s.\-]?\d){8}(?!\d)/g;
  for (let bi = 0; bi < doc.blocks.length; bi++) {
    const block = doc.blocks[bi]!;
    const text = block.text;
    if (!/\d/.test(text)) continue;
    const taken: [number, number][] = [];
    const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
    const push = (h: Omit<Hit, 'start' | 'end' | 'block'>, s: number, e: number) => {
      taken.push([s, e]);
      hits.push({ ...h, block: bi, start: block.start + s, end: block.start + e });
    };
    for (const m of findPhoneNumbersInText(text, { defaultCountry: 'FR' })) {
      taken.push([m.startsAt, m.endsAt]);
      const raw = text.slice(m.startsAt, m.endsAt);
      const first = raw.replace(/^[(\s]+/, '').charAt(0);
      if (first !== '0' && first !== '+') continue;
      if (!acceptSpan(text, m.startsAt, m.endsAt)) continue;
      if (badContext(text.slice(Math.max(0, m.startsAt - 60), m.startsAt))) continue;
      if (placeholder(m.number.nationalNumber, text.slice(Math.max(0, m.startsAt - 25), m.startsAt))) continue;
      push({ number: m.number.number, kind: kindOf(m.number), raw, signal: 'phone-text' }, m.startsAt, m.endsAt);
    }
    // overseas departments written nationally ("0262 90 12 34"): not valid with FR metadata; and
    // national numbers followed by their price ("0892 350 350 0,34 €/min"), glued for libphonenumber
    NATIONAL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NATIONAL.exec(text))) {
      const s = m.index;
      const e = s + m[0].length;
      if (overlaps(s, e) || !acceptSpan(text, s, e) || badContext(text.slice(Math.max(0, s - 60), s))) continue;
      // FR first: a national number that libphonenumber missed in the text because a price follows it
      const p = (['FR', ...OVERSEAS] as CountryCode[]).map((c) => parsePhoneNumberFromString(m![0], c)).find((q) => q && q.isValid());
      if (p) push({ number: p.number, kind: kindOf(p), raw: m[0], signal: 'phone-text' }, s, e);
    }
    // short numbers, by our own rule
    const fb = foldSameLength(text);
    SHORT_RE.lastIndex = 0;
    while ((m = SHORT_RE.exec(text))) {
      const s = m.index;
      const e = s + m[0].length;
      if (overlaps(s, e)) continue;
      const beforeF = fb.slice(Math.max(0, s - 50), s);
      const afterF = fb.slice(e, e + 50);
      if (SHORT_BAD_BEFORE.test(beforeF) || SHORT_BAD_AFTER.test(afterF) || CITY_AFTER.test(text.slice(e, e + 40))) continue;
      const spacedAfterName = /\s/.test(m[0]) && SPACED_SHORT_AFTER_NAME.test(text.slice(Math.max(0, s - 40), s));
      if (!SHORT_KEYWORD.test(beforeF) && !SHORT_KEYWORD.test(afterF) && !SHORT_HOURS_AFTER.test(afterF) && !spacedAfterName) continue;
      if (badContext(text.slice(Math.max(0, s - 60), s))) continue;
      push({ number: m[0].replace(/\s/g, ''), kind: 'short', raw: m[0], signal: 'short-number-text' }, s, e);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** "06 00 00 00 00", "ex. : 01 23 45 67 89": form examples, not numbers */
function placeholder(nsn: string, before: string): boolean {
  if (/(\d)\1{7}$/.test(nsn)) return true;
  return /\b(?:ex|exemple|example|format|p\.\s?ex)\b\.?\s*:?\s*$/.test(foldSameLength(before));
}

/**
 * The card of the number in block `bi`, as the level of its ancestor in the block chain: its nearest
 * container that holds other blocks (a card, a table row, a list item); its blocks (cardAt) may
 * describe the number. Blocks of one container are contiguous, so the nearest outside neighbours tell which it is.
 */
function cardLevel(doc: DocText, bi: number): number {
  const chain = doc.blocks[bi]!.chain;
  const owner = chain.length - 1;
  const inOwnSubtree = (b: TextBlock) => b.chain.length > owner && b.chain[owner] === chain[owner] && b.chain.length > chain.length;
  let k = -1;
  for (const step of [-1, 1]) {
    for (let j = bi + step, n = 0; j >= 0 && j < doc.blocks.length && n < 50; j += step, n++) {
      const b = doc.blocks[j]!;
      if (inOwnSubtree(b)) continue;
      let common = 0;
      while (common < chain.length && common < b.chain.length && b.chain[common] === chain[common]) common++;
      // deepest shared ancestor, but never the owner itself (text split around a child block)
      k = Math.max(k, Math.min(common - 1, owner - 1));
      break;
    }
  }
  return k;
}

/** blocks inside the ancestor at level k of block bi, no deeper than one level below bi */
function cardAt(doc: DocText, bi: number, k: number): (b: TextBlock) => boolean {
  const chain = doc.blocks[bi]!.chain;
  if (k < 0) return () => false;
  const id = chain[k]!;
  return (b) => b.chain[k] === id && b.chain.length <= chain.length + 1;
}

/** blocks scanned after a number for its hours, numbered blocks of a list included */
const MAX_BLOCKS_SCANNED = 8;
/** blocks without a number read after a number for its hours */
const MAX_TEXT_BLOCKS_AFTER = 3;

/** hours and label for a number found at [start, end) in doc.text */
function contextOf(doc: DocText, hit: Hit, byBlock: Map<number, Hit[]>, hoursOf: (s: string) => string | null): { hours: string | null; label?: string } {
  const bi = hit.block;
  const block = doc.blocks[bi]!;
  const inBlock = byBlock.get(bi) ?? [hit];
  const idx = inBlock.indexOf(hit);
  const prevEnd = idx > 0 ? inBlock[idx - 1]!.end : block.start;
  const nextStart = idx >= 0 && idx < inBlock.length - 1 ? inBlock[idx + 1]!.start : block.end;
  const after = doc.text.slice(hit.end, Math.min(nextStart, hit.end + 250));
  const before = doc.text.slice(Math.max(prevEnd, hit.start - 200), hit.start);
  const hasNumber = (j: number) => byBlock.has(j);
  let k = cardLevel(doc, bi);
  let near = cardAt(doc, bi, k);

  const candidates: string[] = [after];
  // "09 69 … ou 01 45 …, du lundi au vendredi de 9h à 18h": the hours after the last number of the
  // block belong to every number of it, unless a number in between has hours of its own
  let shared = idx >= 0 && idx < inBlock.length - 1;
  for (let i = idx + 1; shared && i < inBlock.length - 1; i++) {
    if (hoursOf(doc.text.slice(inBlock[i]!.end, inBlock[i + 1]!.start))) shared = false;
  }
  if (shared) candidates.push(doc.text.slice(inBlock[inBlock.length - 1]!.end, Math.min(block.end, inBlock[inBlock.length - 1]!.end + 250)));
  // following blocks; numbered blocks without hours of their own are passed over ("Particuliers :
  // 09…", "Professionnels : 09…", then "Nos conseillers vous répondent du lundi au vendredi…")
  let textBlocks = 0;
  // the card is a list of numbers: every block of it holds one, and there are several
  let onlyNumbers = false;
  {
    let n = 0;
    let all = true;
    for (const step of [-1, 1]) {
      for (let j = bi + step; j >= 0 && j < doc.blocks.length && near(doc.blocks[j]!); j += step) {
        n++;
        if (!hasNumber(j)) all = false;
      }
    }
    onlyNumbers = all && n > 0;
  }
  for (let j = bi + 1; j <= bi + MAX_BLOCKS_SCANNED && j < doc.blocks.length && textBlocks < MAX_TEXT_BLOCKS_AFTER; j++) {
    const b = doc.blocks[j]!;
    if (!near(b)) {
      // the list of numbers ended: the text after it, in the container above, describes the list
      const wider = cardAt(doc, bi, k - 1);
      if (!(onlyNumbers && k > 0 && wider(b))) break;
      k -= 1;
      near = wider;
    }
    if (/^h[1-6]$/.test(b.tag)) break;
    if (hasNumber(j)) {
      if (hoursOf(b.text)) break;
      continue;
    }
    onlyNumbers = false;
    textBlocks++;
    if (b.text.length <= 300) candidates.push(b.text);
  }
  candidates.push(before);
  near = cardAt(doc, bi, cardLevel(doc, bi));
  const prevBlocks: TextBlock[] = [];
  for (let j = bi - 1; j >= bi - 2 && j >= 0; j--) {
    const b = doc.blocks[j]!;
    if (!near(b) || hasNumber(j)) break;
    prevBlocks.push(b);
    if (b.text.length <= 300) candidates.push(b.text);
    if (/^h[1-6]$/.test(b.tag)) break;
  }
  let hours: string | null = null;
  for (const c of candidates) {
    hours = hoursOf(c);
    if (hours) break;
  }
  let label = labelBefore(before);
  for (const b of prevBlocks) {
    if (label) break;
    if (b.text.length <= 160) label = labelBefore(b.text);
  }
  return label ? { hours, label } : { hours };
}

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
  $('a[href]').each((_, el) => {
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
    page.$('a[href], iframe[src]').each((_, el) => {
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
    $('a[href]').each((_, el) => {
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
