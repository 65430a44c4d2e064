/**
 * One candidate of the contact-form detector (a <form>, or a formless group around a <textarea>)
 * judged: rejected (hidden, comments, cookie settings, chat, search, login, newsletter, locator,
 * simulator, feedback, no submit) or kept as a message form / step 1 of a contact form, with its
 * field count, subject menu, upload and captcha, and the evidence.
 */
import type { CheerioAPI } from 'cheerio';
import type { Evidence } from '../types.ts';
import { evidence } from '../detector.ts';
import { collapse, fold } from './text.ts';
import { closestOf, findIn, isHiddenDeep } from './dom.ts';
import { ancestorMatches, choiceText, drawnByLabel, groupLabelOf, labelOf, SUBMIT_LABEL, type Node } from './form-controls.ts';
import { NOT_SUBJECT, SUBJECT_LABEL, topicButtonsBeforeMessage, topicLike } from './form-subject.ts';

const NOT_FIELD = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
const CMP_CONTAINER =
  /onetrust|didomi|tarteaucitron|axeptio|cybotcookiebot|cookiebot|usercentrics|qc-cmp|tc-privacy|sd-cmp|cookie[-_]?(banner|consent|settings|preferences)|consent[-_]?(banner|manager)/i;
export const CHAT_CONTAINER = /(^|[-_\s])(t?chat|chatbot|webchat|livechat|live-chat|idz|intercom|crisp|tidio|drift|embeddedmessaging|embeddedservice|lpm|genesys|inbenta|df-messenger)([-_\s]|$)/i;
const MESSAGE_LABEL = /\b(message|demande|question|commentaire|precisions?|votre texte|description|details?|comment|body)\b/;
const CONTACT_WORDING = /formulaire de contact|nous contacter|contactez-nous|ecrivez-nous|nous ecrire|votre demande|poser une question|posez votre question|service client|faire une demande|envoyer un message|reclamation/;
const NEWSLETTER = /newsletter|lettre d'information|s'inscrire|inscrivez-vous|abonnez|abonnement|inscription|offres? (et|&) (actualites|bons plans)/;
const LOCATOR = /trouver (une|un|mon|ma|votre) (agence|magasin|boutique|bureau|point de vente|concession|conseiller pres)|code postal ou ville|ville ou code postal|autour de moi|geolocalis/;
const SIMULATOR = /\bsimul\w+|\bcalcul\w+|\bestim\w+|\bdevis\b/;
const FEEDBACK = /ameliorer (cette|notre|la) (reponse|page|article|fiche)|a-t-elle ete utile|a-t-il ete utile|etait-ce utile|votre avis|donnez votre avis|notez|satisfaction/;

/** an address lookup inside a form (autocomplete of the sender's postal address) */
const ADDRESS_LABEL = /\b(adresse|rue|voie|code postal|ville|commune|localite|address|street)\b/;

export interface Candidate {
  root: unknown;
  $: CheerioAPI;
  where: string;
}

export interface Judged {
  fields: number;
  subjectMenu: boolean;
  upload: boolean;
  captcha: boolean;
  ev: Evidence[];
}

export function judge(c: Candidate, url: string, chatSelectors: string[]): Judged | null {
  const { $, root } = c;
  if (isHiddenDeep(root)) return null;
  const r = $(root as never);
  const a = (root as Node).attribs ?? {};
  const idClass = fold(`${a.id ?? ''} ${a.class ?? ''} ${a.action ?? ''} ${a.name ?? ''}`);
  if (/commentform|wp-comments-post|comment-form/.test(idClass)) return null;
  if (ancestorMatches(root, CMP_CONTAINER) || ancestorMatches(root, CHAT_CONTAINER)) return null;
  for (const s of chatSelectors) {
    try {
      if (closestOf($, root, s)) return null;
    } catch {
      /* vendor selector cheerio cannot run */
    }
  }
  if (a.role === 'search' || /\bsearch\b|recherche/.test(idClass)) return null;

  const controls = findIn($, root, 'input, select, textarea');
  if (controls.length === 0 || controls.length > 80) return null;
  let fields = 0;
  let password = false;
  let textarea = false;
  let messageField = false;
  let emailish = false;
  let subjectMenu = false;
  let upload = false;
  let captcha = false;
  const radioGroups = new Map<string, unknown[]>();
  /** positions of selects and radio groups whose choices read as topics, without a subject label */
  const pickers: number[] = [];
  /** document position of the first message field, to tell subject pickers placed before it */
  let messageAt = -1;
  for (const [i, el] of controls.entries()) {
    const n = el as Node;
    const ca = n.attribs ?? {};
    const type = (ca.type ?? 'text').toLowerCase();
    if (n.name === 'input' && type === 'file') upload = true;
    if (/captcha/i.test(`${ca.name ?? ''} ${ca.id ?? ''} ${ca.class ?? ''}`)) captcha = true;
    if (n.name === 'input' && NOT_FIELD.has(type)) continue;
    if (isHiddenDeep(el) && !drawnByLabel($, el)) continue;
    fields++;
    const label = labelOf($, el);
    if (n.name === 'input' && type === 'password') password = true;
    // a search box disqualifies, unless it looks up the sender's address (autocomplete)
    if ((n.name === 'input' && type === 'search') || ca.role === 'combobox') {
      if (!ADDRESS_LABEL.test(label)) {
        if (type === 'search') return null;
      }
    }
    if (n.name === 'textarea') {
      textarea = true;
      messageField = true;
      if (messageAt < 0) messageAt = i;
    } else if (n.name === 'input' && ['text', ''].includes(type) && /\b(message|votre demande|votre question|commentaire)\b/.test(label)) {
      messageField = true;
      if (messageAt < 0) messageAt = i;
    }
    if (n.name === 'input' && (type === 'email' || type === 'tel' || /\b(e-?mail|courriel|telephone|nom|prenom)\b/.test(label))) emailish = true;
    if (n.name === 'select') {
      const options = findIn($, el, 'option').map((o) => collapse($(o).text()));
      if (SUBJECT_LABEL.test(`${label} ${fold(options[0] ?? '')}`)) subjectMenu = true;
      else if ((messageAt < 0 || i < messageAt) && !NOT_SUBJECT.test(label) && topicLike(options)) pickers.push(i);
    }
    if (n.name === 'input' && type === 'radio') {
      const g = ca.name ?? '';
      radioGroups.set(g, [...(radioGroups.get(g) ?? []), el]);
    }
  }
  for (const [, els] of radioGroups) {
    if (els.length < 2) continue;
    const groupLabel = groupLabelOf($, els[0]);
    if (SUBJECT_LABEL.test(`${groupLabel} ${labelOf($, els[0])}`)) subjectMenu = true;
    else {
      // a radio group placed before the message whose choices read as topics
      const at = controls.indexOf(els[0] as never);
      const choices = els.map((e) => choiceText($, e));
      if ((messageAt < 0 || at < messageAt) && !NOT_SUBJECT.test(groupLabel) && topicLike(choices)) pickers.push(at);
    }
  }
  // "Votre demande : [Facturation] [Résiliation] [Déménagement]": topic buttons before the message field
  if (!subjectMenu && topicButtonsBeforeMessage($, r, controls[messageAt])) subjectMenu = true;
  if (!subjectMenu && messageAt >= 0 && pickers.some((i) => i < messageAt)) subjectMenu = true;
  for (const el of findIn($, root, '[role="combobox"], [role="listbox"], [aria-haspopup="listbox"]')) {
    if (!isHiddenDeep(el) && SUBJECT_LABEL.test(labelOf($, el) + fold(collapse($(el as never).text())))) subjectMenu = true;
  }
  if (password) return null;
  if (findIn($, root, '.g-recaptcha, [data-sitekey], .h-captcha, .frc-captcha, .cf-turnstile, iframe[src*="recaptcha"], iframe[src*="hcaptcha"], img[src*="captcha" i], img[alt*="captcha" i]').length) captcha = true;

  const formText = fold(collapse(r.text())).slice(0, 3000);
  const submit = findIn($, root, 'button, input[type="submit"], input[type="image"], [role="button"], a[class*="btn"], a[class*="button"]')
    .some((el) => {
      const n = el as Node;
      const t = fold(`${collapse($(el as never).text())} ${n.attribs?.value ?? ''} ${n.attribs?.['aria-label'] ?? ''}`);
      return (n.name === 'button' && (n.attribs?.type ?? 'submit') === 'submit') || n.attribs?.type === 'submit' || SUBMIT_LABEL.test(t);
    });
  if (!submit) return null;

  const block = closestOf($, root, 'section, article, main, body');
  const context = `${formText} ${fold(collapse($((block ? findIn($, block, 'h1, h2') : []).slice(0, 1)).text()))}`;
  if (!messageField) {
    // newsletter, locators, simulators and search forms have no message field
    if (!(subjectMenu && emailish && CONTACT_WORDING.test(context))) return null;
  } else {
    if (fields < 2) return null;
    const around = `${formText} ${controls.map((el) => labelOf($, el)).join(' ')} ${fold(collapse(r.parent().text())).slice(0, 1500)}`;
    if (!emailish && FEEDBACK.test(around)) return null;
    if (!textarea && (NEWSLETTER.test(formText) || LOCATOR.test(formText) || SIMULATOR.test(formText))) return null;
  }
  const ev: Evidence[] = [];
  const what = (root as Node).name === 'form' ? `<form${a.id ? ` id="${a.id}"` : ''}${a.action ? ` action="${a.action}"` : ''}>` : `<${(root as Node).name ?? 'div'}> without <form>`;
  ev.push(evidence(url, c.where === url ? 'dom' : 'frame', messageField ? 'message-form' : 'contact-form-step', `${what} ${fields} field(s)${textarea ? ', textarea' : ''}${subjectMenu ? ', subject menu' : ''}${c.where !== url ? ` in frame ${c.where}` : ''}`, (root as Node).name));
  return { fields, subjectMenu, upload, captcha, ev };
}
