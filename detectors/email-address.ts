/**
 * email-address: customer-contact e-mail addresses (channel `email`).
 *
 * Finds: `mailto:` links (main document and readable visible frames; hidden ones too, because
 * addresses are often revealed by a click or sit in a collapsed FAQ answer) and addresses written
 * in the visible text, including the light obfuscations "contact [at] exemple.fr", "contact (at)
 * exemple (point) fr" and "contact arobase exemple.fr". Attribute `addresses`: lower case,
 * deduplicated, in order of appearance.
 *
 * Decision (issue 11): the analyst wants the addresses a customer can write to. Addresses meant
 * for another audience are not customer contact and are left out, by local part and by the text
 * just before them.
 *
 * Deliberately ignores addresses that are not customer contact:
 * - data protection: local part or domain with dpo, rgpd, gdpr, privacy, donneespersonnelles,
 *   dataprotection, protectiondesdonnees, cil, cnil, and addresses whose preceding text (same
 *   block, 100 chars) speaks of "données personnelles", "protection des données", "délégué à la
 *   protection", "DPO", "RGPD", "exercer vos droits";
 * - press / media (presse@, media@, relations-presse@; or after "Contact presse", "journalistes"),
 *   recruitment / HR (recrutement@, jobs@, rh@, candidatures@; or after "recrutement",
 *   "candidature"), investor relations (investisseurs@, ir@, actionnaires@; or after
 *   "investisseurs", "actionnaires"): journalists, candidates and shareholders, not customers;
 * - mediators (mediateur@, mediation@): a separate body, reported elsewhere if at all;
 * - technical mailboxes: abuse@, security@, securite@, postmaster@, hostmaster@ (incident reports
 *   and mail administration, not a customer's question);
 * - noreply, ne-pas-repondre, mailer-daemon;
 * Kept: webmaster@ (on small public-service sites it is often the one address users write to),
 * contact@, sav@, service.client@, reclamations@, and any other address.
 * - placeholders: exemple@, example@, nom@domaine.fr, prenom.nom@, votre.email@, on example /
 *   domaine / domain / email / test domains; input placeholders are attributes, never text;
 * - file names that look like addresses (logo@2x.png, icon@3x.webp): the "TLD" is a file
 *   extension;
 * - text inside hidden elements, scripts and templates (visible text only).
 *
 * Known false positives: a personal address of an employee shown on the page (e.g. an author
 * byline) counts; an address of another organisation cited in the text counts (we do not
 * require the actor's domain: many actors use a separate mail domain).
 *
 * Tried and rejected: requiring the site's registrable domain (misses "service.client@banque-
 * exemple-mail.fr", frequent with outsourced helpdesks); reading addresses from scripts (JSON
 * config, Sentry DSNs, tracking: all noise).
 */
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { pageLinks } from './lib/links.ts';
import { fold, blockText } from './lib/text.ts';

const EMAIL_RE = /(?<![\w.%+-])[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}(?![\w-]|\.[a-z])/gi;
const OBFUSCATED_RE =
  /(?<![\w.-])([a-z0-9][a-z0-9._-]{0,62})\s*(?:\[at\]|\(at\)|\{at\}|\[arobase\]|\(arobase\)|\s+arobase\s+|\s+at\s+(?=[a-z0-9-]+\s*(?:\[dot\]|\(dot\)|\(point\)|\[point\))))\s*([a-z0-9][a-z0-9-]*(?:\s*(?:\.|\[dot\]|\(dot\)|\[point\]|\(point\)|\s+point\s+)\s*[a-z0-9-]+)+)/gi;

const FILE_EXT = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|css|js|mjs|json|xml|pdf|mp4|webm|woff2?|ttf|eot)$/i;

const EXCLUDED_LOCAL = new RegExp(
  [
    // data protection
    String.raw`dpo|rgpd|gdpr|privacy|privacidad|donnees[-._]?personnelles|donneespersonnelles|data[-._]?protection|protection[-._]?(?:des[-._]?)?donnees|cil|cnil|informatique[-._]?et[-._]?libertes|dataprivacy|vie[-._]?privee`,
    // press / media
    String.raw`presse|press|media|medias|relations?[-._]?presse|pressroom|journalistes?`,
    // recruitment
    String.raw`recrutements?|recruitment|recruiting|jobs?|rh|drh|careers?|carrieres?|candidatures?|emplois?|stages?|talents?|hr`,
    // investors
    String.raw`investors?|investisseurs?|investor[-._]?relations|relations?[-._]?investisseurs|actionnaires?|actionnariat|ir|finance[-._]?communication|shareholders?`,
    // mediators
    String.raw`mediateur|mediation|mediator`,
    // technical mailboxes
    String.raw`abuse|security|securite|postmaster|hostmaster|cert|csirt|soc`,
    // noreply
    String.raw`no[-._]?reply|do[-._]?not[-._]?reply|ne[-._]?pas[-._]?repondre|nepasrepondre|mailer[-._]?daemon|bounces?`,
    // placeholders
    String.raw`exemple|example|nom|prenom|prenom[-._]?nom|nom[-._]?prenom|firstname|lastname|john[-._]?doe|jean[-._]?dupont|votre[-._]?(?:e[-._]?)?(?:mail|email|adresse|nom)|votremail|votreemail|votreadresse|your[-._]?(?:e[-._]?)?(?:mail|email|name)|email|e-mail|mail|adresse|xxx+|test|user|username|utilisateur|name|moi|toto`,
  ]
    .map((g) => `(?:${g})`)
    .join('|'),
);
/** local parts are matched whole, or as a dotted/dashed segment ("service.presse", "dpo-groupe") */
function excludedLocal(local: string): boolean {
  const l = fold(local);
  if (new RegExp(`^(?:${EXCLUDED_LOCAL.source})$`).test(l)) return true;
  return l.split(/[._+-]/).some((seg) => new RegExp(`^(?:${EXCLUDED_LOCAL.source})$`).test(seg) && !/^(?:mail|email|nom|name|test|user|adresse|moi|e|toto)$/.test(seg))
    || /dpo|rgpd|gdpr|privacy|donneespersonnelles|dataprotection|protectiondesdonnees|cnil|recrutement|noreply|nepasrepondre/.test(l.replace(/[._-]/g, ''));
}

const EXCLUDED_DOMAIN =
  /(?:^|\.)(?:exemple|example|domaine|domain|votredomaine|yourdomain|mondomaine|email|mail|test|societe|entreprise|company|site|monsite|sentry|sentry-next|wixpress)\.[a-z]{2,}$|(?:^|\.)cnil\.fr$|(?:^|\.)sentry\.io$/;

const PRIVACY_CONTEXT =
  /(?:donnees\s+(?:a\s+caractere\s+)?personnelles|protection\s+des\s+donnees|delegue\s+(?:a\s+la\s+)?(?:protection|dpo)|\bdpo\b|\brgpd\b|\bgdpr\b|exercer\s+(?:vos|ses|votre)\s+droits?|droit\s+d'acces|informatique\s+et\s+libertes|\bcnil\b|\bpresse\b|journalistes?|recrutement|candidature|investisseurs|actionnaires)[^@]{0,100}$/;

function accept(address: string, before: string): boolean {
  const a = address.toLowerCase();
  const at = a.lastIndexOf('@');
  if (at < 1) return false;
  const local = a.slice(0, at);
  const domain = a.slice(at + 1);
  if (FILE_EXT.test(a)) return false;
  if (/^\d/.test(domain.split('.').pop() ?? '')) return false;
  if (excludedLocal(local)) return false;
  if (EXCLUDED_DOMAIN.test(domain)) return false;
  if (PRIVACY_CONTEXT.test(fold(before).slice(-120))) return false;
  return true;
}

function detect(page: PageView): Finding[] {
  const addresses: string[] = [];
  const ev: Evidence[] = [];
  const add = (address: string, e: Evidence) => {
    const a = address.toLowerCase();
    if (addresses.includes(a)) return;
    addresses.push(a);
    ev.push(e);
  };

  for (const l of pageLinks(page)) {
    if (!/^mailto:/i.test(l.href)) continue;
    let value = l.href.slice(7).split('?')[0] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      /* keep raw */
    }
    // context: the link's surroundings (its parent's text, before the link)
    const parentText = l.$(l.el as never).parent().text() ?? '';
    const before = parentText.split(l.$(l.el as never).text() || '\u0000')[0] ?? '';
    for (const part of value.split(/[,;]/)) {
      const addr = part.trim();
      if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(addr)) continue;
      if (!accept(addr, before)) continue;
      add(addr, evidence(page.url, l.frame ? 'frame' : 'dom', 'mailto-link', l.href + (l.hidden ? ' (hidden)' : ''), l.selector));
    }
  }

  const docs = [{ $: page.$, source: 'text' as const }, ...page.frames.filter((f) => f.visible).map((f) => ({ $: f.$, source: 'frame' as const }))];
  for (const d of docs) {
    const doc = blockText(d.$);
    for (const b of doc.blocks) {
      if (!/@|\bat\b|arobase/i.test(b.text)) continue;
      EMAIL_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = EMAIL_RE.exec(b.text))) {
        const before = b.text.slice(Math.max(0, m.index - 120), m.index);
        if (accept(m[0], before)) add(m[0], evidence(page.url, d.source, 'email-text', m[0]));
      }
      OBFUSCATED_RE.lastIndex = 0;
      while ((m = OBFUSCATED_RE.exec(b.text))) {
        const domain = (m[2] ?? '').replace(/\s*(?:\.|\[dot\]|\(dot\)|\[point\]|\(point\)|\s+point\s+)\s*/gi, '.');
        const addr = `${m[1]}@${domain}`;
        if (!/\.[a-z]{2,24}$/i.test(addr)) continue;
        const before = b.text.slice(Math.max(0, m.index - 120), m.index);
        if (accept(addr, before)) add(addr, evidence(page.url, d.source, 'email-text-obfuscated', m[0]));
      }
    }
  }

  if (!addresses.length) return [];
  return [{ channel: 'email', detector: 'email-address', attributes: { addresses }, evidence: ev.slice(0, 20) }];
}

export const emailAddressDetector: Detector = {
  id: 'email-address',
  version: 2,
  channels: ['email'],
  needs: ['html', 'frames'],
  detect,
};
