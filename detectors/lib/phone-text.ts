/**
 * Phone numbers in page text, for the phone-number detector: the rules that tell a customer line
 * from a reference, a price or a postcode (legal words, fax, short 3xxx/10xx numbers and what
 * surrounds them), the kind of a number (libphonenumber's types mapped to the contract's kinds),
 * and the context of a number in its block of text (its label, its hours, a card of several
 * numbers sharing one line of hours). Pure; no DOM beyond the text blocks of lib/text.ts.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import type { PhoneKind } from '../types.ts';
import { foldSameLength, type DocText, type TextBlock } from './text.ts';

// ---------------------------------------------------------------- rules

export const LEGAL_WORD =
  /\b(?:siren|siret|rcs|r\.c\.s|orias|tva|iban|bic|rib|naf|ape|capital|immatricul\w*|agrement|ref|reference|facture|identifiant|login|mot\s+de\s+passe|code\s+(?:d'acces|d'activation|confidentiel|personnel|client|secret|abonne)|reference\s+client|(?:n°|no|numero)\s*(?:de\s+|d'|du\s+)?(?:commande|dossier|contrat|client|adherent|abonne|facture|sinistre|colis|suivi|siren|siret|tva|orias|compte|carte)|(?:commande|dossier|contrat|facture|colis|compte)\s*(?:n°|no\b))/g;
export const PHONE_WORD = /\b(?:tel(?:ephone\w*)?|appel\w*|compos\w*|numero|joindre|contact\w*|service\w*|ligne|standard|mobile|portable)\b/g;
export const FAX_WORD = /\b(?:fax|telecopie|telecopieur)\b/g;

export const LABEL_RE =
  /\b(service\s+(?:client(?:s|ele)?|consommateurs?|abonnes?|apres[-\s]vente|relations?\s+client(?:s|ele)?|adherents?|usagers?|assistance)|relations?\s+client(?:s|ele)?|espace\s+client\w*|numero\s+(?:vert|unique|gratuit)|sav|assistance(?:\s+technique|\s+24h\/24)?|standard|urgences?|opposition(?:\s+carte)?|sinistres?|depannage|reclamations?|depuis\s+l'etranger|de\s+l'etranger|depuis\s+un\s+mobile|conseillers?(?:\s+clientele)?|hotline|support(?:\s+technique)?|accueil(?:\s+telephonique)?|ligne\s+directe|ecoute|mediateur)\b/g;
export const MAIN_LABEL = /service\s+(?:client|consommateur|abonne)|relation\s+client/;

/** what may follow a number and start with a digit without being part of it: its hours ("3635, 7j/7",
 * "3900 - 24h/24", "3949 8h-20h") or its price ("0892 350 350 0,34 €/min") */
export const HOURS_OR_PRICE_AFTER = String.raw`\s?[,\-–—(:]?\s?(?:\d{1,2}\s?(?:j(?:ours)?|h(?:eures)?)(?![a-z])|\d+[,.]\d{1,2}\s?(?:€|eur))`;
export const SHORT_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+,.\-\/])(3\d{3}|3\d\s\d{2}|10\d{2})(?![\p{L}\p{N}]|[.,]\d|(?!${HOURS_OR_PRICE_AFTER})\s?[.,\-\/]?\s?\d)`,
  'gu',
);
export const SHORT_KEYWORD =
  /\b(?:appel\w*|compos\w*|tel(?:ephone\w*)?|numero|service|contact\w*|joindre|joignable|hotline|assistance|allo|depuis\s+(?:un|une|votre)\s+(?:mobile|portable|fixe|ligne|box)|prix\s+(?:d'un\s+)?appel)\b|€\s?\/\s?(?:min|appel)|€\s?ttc\s?\/\s?min/;
/** hours right after a short number say it is a phone line: "3635, 7j/7", "3900 - 24h/24", "3949 du lundi…" */
export const SHORT_HOURS_AFTER =
  /^\s?[,\-–—:(]?\s*(?:7\s?j(?:ours)?\s?(?:\/|sur)\s?7|24\s?h(?:eures)?\s?(?:\/|sur)\s?24|du\s+lundi|de\s+\d{1,2}\s?h|\d{1,2}\s?h(?:\d{2})?\s?[-–a]\s?\d{1,2}\s?h|(?:tous\s+les\s+jours|en\s+semaine)\b)/;
/** "Pôle emploi 39 49", "Info Retraite : 39 60": the spaced pair is how short numbers are printed; after a
 * capitalised name or a colon it needs no phone word (a quantity is written "3 949", not "39 49") */
export const SPACED_SHORT_AFTER_NAME = /(?:[\p{Lu}][\p{L}'’.\-]*(?:\s+[\p{L}'’.\-]+){0,2}\s*:?|:)\s*$/u;
export const SHORT_BAD_BEFORE =
  /(?:\b(?:ref|reference|code|bp|cs|cedex|art|article|page|p|version|v|lot|tailles?|pointures?|prix|tarif|montant|total|quantite|dossier|contrat|commande|facture|annee|an|en|depuis|plus\s+de|pres\s+de|environ|sur|rue|avenue|bd|boulevard|route|chemin)\.?\s*(?:n°|no)?\s*:?|[-–/]|\d)\s*$/;
export const SHORT_BAD_AFTER =
  /^\s*(?:€|eur\b|euros?\b|%|km|kg|m2|m²|m\b|h\b|ans?\b|mois\b|jours?\b|heures?\b|conseillers?|clients?|agences?|collaborateurs?|salaries?|personnes?|points?|magasins?|boutiques?|bureaux|emplois?|postes?|exemplaires?|produits?|articles?|dollars?|habitants?|communes?|entreprises?|membres?|adherents?|experts?|references?|avis|visiteurs?|utilisateurs?|sites?|metres?|pieces?|places?|appels?\s+par|demandes?|questions?|reponses?|etablissements?|partenaires?|caracteres?|[a-z]+\s+(?:cedex|france))/;

/** "1050 Bruxelles", "3000 Leuven": a capitalised word after a 4-digit number is a city, unless it is a phone word */
export const CITY_AFTER = /^\s+(?!(?:Service|Services|Appel|Appels|Prix|Gratuit|Num|Tél|Tel|Depuis|Du|De|Le|La|Les|Lun|Ouvert|Accessible|Disponible|Non|Choix|Touche|Puis|Ou|Et|Sans|Avec|Pour|Par|Joignable|Conseiller)\b)[A-ZÉÈ][a-zà-ÿ]{2,}/;

export const RELAY_HOSTS = ['deafiline.net', 'elioz.fr', 'elioz.com', 'acce-o.fr', 'acceo.fr', 'rogervoice.com', 'tadeo.fr'];
export const ACCESS_TEXT =
  /\bsourd(?:e)?s?\s+(?:et|ou|&|\/)\s+malentendant|\bmalentendant(?:e)?s?\b|\blangue\s+des\s+signes\b|\btranscription\s+(?:instantanee|en\s+temps\s+reel|ecrite)\b|\bttrp\b|\bdeficient(?:e)?s?\s+auditi/;
export const CALLBACK_TEXT = new RegExp(
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
export const APPOINTMENT_TEXT =
  /\b(?:rendez[-\s]vous|rdv)\s+(?:telephonique|tel\b|tel\.|par\s+telephone|au\s+telephone)|\b(?:rendez[-\s]vous|rdv)\b[^.!?]{0,50}\bpar\s+telephone\b|\bentretien\s+telephonique\b/;

// ---------------------------------------------------------------- kinds

export const OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF'];

export function kindOf(p: PhoneNumber): PhoneKind {
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

export function lastIndexOf(re: RegExp, s: string): number {
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
export const PREVIOUS_NUMBER = /\d(?:[\s.\-]?\d){5,}/g;
export function badContext(before: string): boolean {
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

export function labelBefore(before: string): string | undefined {
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

export interface Hit {
  /** index of the block in DocText.blocks */
  block: number;
  number: string;
  kind: PhoneKind;
  start: number;
  end: number;
  raw: string;
  signal: string;
}

export function acceptSpan(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  const after = text.slice(end, end + 3);
  if (/\d[\s.\-/]?$/.test(before)) return false;
  if (/^[\s.\-/]?\d/.test(after) && !new RegExp(`^${HOURS_OR_PRICE_AFTER}`).test(text.slice(end, end + 20))) return false;
  if (/^\s?[€%]/.test(after)) return false;
  return true;
}

/** numbers in one document's visible text, block by block (a digit starting the next block would
 * otherwise glue onto a number: "… 81 82 | 7j/7") */
export function numbersInText(doc: DocText): Hit[] {
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
export function placeholder(nsn: string, before: string): boolean {
  if (/(\d)\1{7}$/.test(nsn)) return true;
  return /\b(?:ex|exemple|example|format|p\.\s?ex)\b\.?\s*:?\s*$/.test(foldSameLength(before));
}

/**
 * The card of the number in block `bi`, as the level of its ancestor in the block chain: its nearest
 * container that holds other blocks (a card, a table row, a list item); its blocks (cardAt) may
 * describe the number. Blocks of one container are contiguous, so the nearest outside neighbours tell which it is.
 */
export function cardLevel(doc: DocText, bi: number): number {
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
export function cardAt(doc: DocText, bi: number, k: number): (b: TextBlock) => boolean {
  const chain = doc.blocks[bi]!.chain;
  if (k < 0) return () => false;
  const id = chain[k]!;
  return (b) => b.chain[k] === id && b.chain.length <= chain.length + 1;
}

/** blocks scanned after a number for its hours, numbered blocks of a list included */
export const MAX_BLOCKS_SCANNED = 8;
/** blocks without a number read after a number for its hours */
export const MAX_TEXT_BLOCKS_AFTER = 3;

/** hours and label for a number found at [start, end) in doc.text */
export function contextOf(doc: DocText, hit: Hit, byBlock: Map<number, Hit[]>, hoursOf: (s: string) => string | null): { hours: string | null; label?: string } {
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
