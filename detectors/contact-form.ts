/**
 * contact-form: a visible form that sends a message to the organisation (channel "form").
 *
 * Candidates: every <form> of the main document (open shadow roots included) and of readable
 * frames, plus "formless" forms (React style): a <textarea> outside any <form>, grouped with the
 * nearest ancestor (up to 6 levels) that also holds a button.
 * A candidate is a message form when it is visible (not data-ct-hidden) and
 * - it has a visible <textarea> (or a field named/labelled message/demande/question/commentaire)
 *   and a submit control (submit input, <button>, [role=button] with "envoyer/valider/soumettre/
 *   suivant/continuer"), and at least 2 visible fields (a lone textarea is a chat composer); or
 * - step 1 of a multi-step form: a subject menu + an e-mail/phone/name field + a submit, under
 *   contact wording ("formulaire de contact", "nous contacter", "écrivez-nous", "votre demande").
 * Rejected candidates: login (a password field), search (role=search, type=search unless it looks up
 * an address: "Adresse", "Code postal", "Ville" autocomplete inside a contact form, a single field
 * named q/query/search), newsletter (no message field, an e-mail field and "newsletter",
 * "s'inscrire", "abonnez"), cookie settings (inside a CMP container), store locators ("trouver une
 * agence/un magasin", postcode-only), simulators ("simuler", "calculer", "estimer"), blog comment
 * forms (#commentform, wp-comments-post), feedback forms ("cette réponse vous a-t-elle été utile",
 * "votre avis" without name/e-mail fields), chat widgets (inside a chat vendor's container/frame or
 * an element whose id/class says chat/tchat/webchat/chatbot), Medallia/Kampyle/Qualtrics frames.
 *
 * Attributes (of the biggest message form on the page):
 * - fields: visible controls a person fills in, exactly as CONTRACT §4: <input> other than hidden,
 *   submit, button, reset and image, plus <select> and <textarea>. Each radio/checkbox input counts.
 *   A control the crawler marked hidden does not count, except a radio or checkbox drawn by its
 *   visible label (DSFR and other custom controls: the input is clipped or transparent, the label
 *   is what a person clicks).
 * - subjectMenu: any control a person uses to pick a subject: a <select>, a radio group or a
 *   [role=combobox]/[role=listbox] labelled "Objet", "Motif", "Sujet", "Thème", "Nature/Type de
 *   votre demande", "Votre demande concerne"; or, with no such label, a select or radio group
 *   placed before the message field whose choices read as topics (3+ worded choices; civility,
 *   country, dates, "vous êtes", contact preferences excluded), or 3+ topic buttons (button,
 *   role=radio/tab/option, aria-pressed; not submit/back) before the message field.
 * - upload: an <input type=file> in the form (visible or not: file inputs are usually hidden behind
 *   a styled label).
 * - captcha: reCAPTCHA (.g-recaptcha, data-sitekey, google.com/recaptcha or recaptcha.net script,
 *   frame or request, .grecaptcha-badge: invisible v3 counts, it guards the form), hCaptcha,
 *   Friendly Captcha (.frc-captcha), Cloudflare Turnstile (.cf-turnstile, challenges.cloudflare.com),
 *   or a field/image named "captcha".
 * - statedDelay: the page promises a reply time: a reply verb ("réponse", "répondrons", "vous
 *   recontacte", "reviendrons vers vous", "traiter votre demande") within 80 characters of a delay
 *   ("sous 48h", "dans un délai de 5 jours ouvrés", "dans les 24h ouvrées", "sous 72 heures").
 *
 * Never submits anything: it only reads HTML.
 * Known false positives: a "laisser un avis" product review form with name + e-mail + textarea;
 * a job application form with a cover-letter textarea (it is a message form in form only).
 * Tried and rejected: requiring a <form> element (React forms have none); counting a lone
 * textarea + button (chat composers); "sous 48h" alone as a delay (delivery promises).
 */
import type { CheerioAPI } from 'cheerio';
import type { Finding } from './types.ts';
import { loadChatVendors } from './data/chat-vendors.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { fold } from './lib/text.ts';
import { closestOf, findIn, selectAll } from './lib/dom.ts';
import type { Node } from './lib/form-controls.ts';
import { CHAT_CONTAINER, judge, type Candidate, type Judged } from './lib/form-candidate.ts';

const NON_CHAT_FRAME = /kampyle|medallia|qualtrics|usabilla|hotjar|typeform|trustpilot|google\.com\/recaptcha|recaptcha\.net|hcaptcha|challenges\.cloudflare/i;

const DELAY =
  /(sous|dans (un delai|les|un maximum) (maximum |moyen |de |d'environ )*(de )?|dans un delai de|en moins de|d'ici|au plus tard (sous|dans)|delai (de reponse|moyen de reponse|de traitement)[^.]{0,20}?)\s*(\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|quarante-huit|soixante-douze|vingt-quatre)\s*(h\b|heures?|jours?|semaines?|mois)( ouvre(e)?s| ouvrables| calendaires)?/;
const REPLY_VERB =
  /\b(reponse|reponses|repondr\w*|repondons|repond|recontact\w*|reviendr\w*|revenir vers vous|vous contacter|vous rappeler|prendr\w* contact|traiter votre (demande|message|question|reclamation))\b/;

function detect(page: PageView): Finding[] {
  const url = page.url;
  const vendors = loadChatVendors();
  const chatSelectors = vendors.flatMap((v) => v.selectors.filter((s) => !/^link\b/.test(s)));
  const docs: { $: CheerioAPI; where: string; ok: boolean }[] = [
    { $: page.$, where: url, ok: true },
    ...page.frames.map((f) => ({ $: f.$, where: f.url || url, ok: f.visible && !NON_CHAT_FRAME.test(f.url) && !CHAT_CONTAINER.test(`${f.title} ${f.url}`) })),
  ];
  const chatFrames = vendors.flatMap((v) => v.iframes.map((m) => m.toLowerCase()));
  const judged: Judged[] = [];
  for (const d of docs) {
    if (!d.ok) continue;
    if (d.where !== url && chatFrames.some((m) => d.where.toLowerCase().includes(m))) continue;
    const $ = d.$;
    const cands: Candidate[] = selectAll($, 'form').map((root) => ({ root, $, where: d.where }));
    // formless message forms
    const seenRoots = new Set<unknown>();
    for (const ta of selectAll($, 'textarea')) {
      if (closestOf($, ta, 'form')) continue;
      let n = (ta as Node).parent;
      for (let i = 0; n && i < 6; i++, n = n.parent) {
        if (n.type !== 'tag') break;
        if (findIn($, n, 'button, [role="button"], input[type="submit"]').length) {
          if (!seenRoots.has(n)) {
            seenRoots.add(n);
            cands.push({ root: n, $, where: d.where });
          }
          break;
        }
      }
    }
    for (const c of cands) {
      const j = judge(c, url, chatSelectors);
      if (j) judged.push(j);
    }
  }
  if (judged.length === 0) return [];
  judged.sort((a, b) => b.fields - a.fields);
  const best = judged[0];
  const ev = [...best.ev];

  // page-level captcha markers
  let captcha = judged.some((j) => j.captcha);
  if (!captcha) {
    const $ = page.$;
    const marker = selectAll($, '.g-recaptcha, .grecaptcha-badge, [data-sitekey], .h-captcha, .frc-captcha, .cf-turnstile, script[src*="recaptcha"], script[src*="hcaptcha.com"], script[src*="friendlycaptcha"], script[src*="challenges.cloudflare.com/turnstile"], iframe[src*="recaptcha"], iframe[src*="hcaptcha"]')[0];
    const req = (page.snapshot.requests ?? []).find((r) => r && /google\.com\/recaptcha|gstatic\.com\/recaptcha|recaptcha\.net|hcaptcha\.com|friendlycaptcha|challenges\.cloudflare\.com\/turnstile/i.test(r.url ?? ''));
    const frame = (page.snapshot.frames ?? []).find((f) => f && /google\.com\/recaptcha|recaptcha\.net|hcaptcha\.com|challenges\.cloudflare\.com/i.test(f.url ?? ''));
    if (marker) ev.push(evidence(url, 'dom', 'captcha', `<${(marker as Node).name} ${(marker as Node).attribs?.class ?? (marker as Node).attribs?.src ?? ''}>`));
    else if (req) ev.push(evidence(url, 'request', 'captcha', req.url));
    else if (frame) ev.push(evidence(url, 'frame', 'captcha', frame.url));
    captcha = !!(marker || req || frame);
  } else {
    ev.push(evidence(url, 'dom', 'captcha', 'captcha widget or field inside the form'));
  }
  if (best.upload) ev.push(evidence(url, 'dom', 'upload', 'input type=file'));

  // stated reply delay
  let statedDelay = false;
  const text = fold(page.text);
  const re = new RegExp(DELAY.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const around = text.slice(Math.max(0, m.index - 80), m.index + m[0].length + 40);
    if (REPLY_VERB.test(around) && !/\blivr\w+|\bexpedi\w+|\bremboursement\b|\bretractation\b/.test(text.slice(Math.max(0, m.index - 40), m.index))) {
      statedDelay = true;
      ev.push(evidence(url, 'text', 'stated-delay', around.trim()));
      break;
    }
  }

  return [
    {
      channel: 'form',
      detector: 'contact-form',
      attributes: { fields: best.fields, subjectMenu: best.subjectMenu, upload: best.upload, captcha, statedDelay },
      evidence: ev,
    },
  ];
}

export const contactForm: Detector = {
  id: 'contact-form',
  version: 2,
  channels: ['form'],
  needs: ['html', 'frames', 'requests'],
  detect,
};
