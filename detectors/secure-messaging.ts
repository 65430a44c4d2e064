/**
 * secure-messaging: a secure messaging space in the customer area (channel "secure_messaging"),
 * the banks', insurers' and public services' "messagerie sécurisée".
 *
 * Cues (accent- and case-insensitive) in the visible text, in link/button labels (hidden menu
 * links included: customer-area menus are collapsed) and in the page title:
 * - "messagerie sécurisée", "messagerie sécurisée de votre espace…";
 * - "messagerie de votre/mon espace (client|personnel|perso|abonné|assuré|adhérent|<brand>)",
 *   "messagerie (dans|depuis) votre espace…", "la messagerie de votre compte (Ameli)";
 * - "envoyez(-nous) un message depuis/via/dans votre espace (client…)",
 *   "écrivez-nous depuis votre espace client", "via la messagerie de votre espace";
 * - "Mes messages" / "Ma messagerie" as a link or menu label, only on a page that is in or leads
 *   to a customer area (words "espace client", "mon compte", "se connecter", or a login wall).
 * loginGated: true when the cue itself or its sentence names the customer area or a sign-in
 * ("espace client", "espace personnel", "mon compte", "connecté", "connectez-vous", "identifiez"),
 * or when the page itself is a login wall (a visible password field, or "connectez-vous" /
 * "identifiant" with an "espace client" heading). The channel is almost always reserved to
 * signed-in customers; a public statement "notre messagerie sécurisée" with no such words is
 * reported with loginGated false.
 *
 * Not: "messagerie instantanée" (WhatsApp, Messenger: the messaging detector's), "messagerie
 * vocale" (voicemail), webmail ("Messagerie" alone on a telecom portal, "messagerie Orange"),
 * e-mail, "Mes messages" on a page with no customer-area context, MSSanté professional messaging.
 * - a cue inside a security warning ("nous ne vous demanderons jamais vos codes … par messagerie
 *   sécurisée", "attention aux faux conseillers…"): the sentence says what the channel is never used
 *   for, so it is not read as presence (another sentence of the page may still be).
 * Known false positives: a sentence that both offers the channel and warns ("écrivez-nous par
 * messagerie sécurisée, jamais par e-mail") is read as a warning and missed.
 * Tried and rejected: "messagerie" alone (webmail, voicemail); "message" + "espace client"
 * anywhere on the page (too loose on home pages).
 */
import type { CheerioAPI } from 'cheerio';
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { collapse, fold } from './lib/text.ts';
import { isHiddenDeep, select, selectAll } from './lib/dom.ts';

type Node = { name?: string; attribs?: Record<string, string>; parent?: Node | null };

const AREA = "espace (client|clients|personnel|perso|prive|abonnes?|assures?|adherents?|securise|particulier|professionnel|pro|allocataire|usager|beneficiaire)|mon compte|votre compte|compte (client|en ligne|personnel)|banque en ligne";
/** after "votre"/"mon" the area may be named by its brand: "votre compte Ameli", "votre espace MSA" */
const OWN_AREA = `${AREA}|compte|espace \\w+`;
const CUES: [RegExp, string][] = [
  [/\bmessageries? securisees?\b/g, 'messagerie sécurisée'],
  [new RegExp(`\\bmessagerie (de|dans|depuis|sur) (votre|mon|l'|ton) ?(${OWN_AREA})`, 'g'), 'messagerie de votre espace'],
  [new RegExp(`\\b(envoy\\w+|ecri\\w+|adress\\w+|deposez|transmettez)(-nous)? (un|votre|vos) (message|demande|question)s? (depuis|via|dans|sur|a partir de) (votre|mon|l') ?(${OWN_AREA}|messagerie)`, 'g'), 'envoyez un message depuis votre espace'],
  [new RegExp(`\\b(ecrivez|ecrire)(-nous)? (depuis|via|dans|sur|a partir de) (votre|mon|l') ?(${OWN_AREA})`, 'g'), 'écrivez-nous depuis votre espace'],
  [/\bvia (la|votre) messagerie (de votre|du|de l')/g, 'via la messagerie de votre espace'],
];
/**
 * A security warning names the channel only to say what it will never be used for ("nous ne vous
 * demanderons jamais vos codes … par messagerie sécurisée"): not a statement that it is offered.
 */
const WARNING =
  /\bjamais\b|\bne (vous )?(demander\w*|solliciter\w*|contacter\w*)\b|\bhameconn\w*|\bphishing\b|\bfraud\w*|\bescroc\w*|\barnaque\w*|\busurp\w*|\bfaux (conseiller|message|mail|sms)/;
const INBOX_LABEL = /^(mes messages|ma messagerie|mes echanges|ma boite de reception|mes conversations)( \(\d+\))?$/;
const NOT_SECURE = /\bmessagerie (instantanee|vocale|electronique|orange|sfr|free|laposte\.net|web)\b|\bwebmail\b/;
const GATE = new RegExp(`${AREA}|\\b(votre|mon) espace \\w+|\\bconnect(e|ee|es|er|ez)\\b|\\bconnectez-vous\\b|\\bidentifi(ez|ant|cation)\\b|\\bauthentifi\\w+|\\bse connecter\\b|\\bsigned in\\b`);
const LOGIN_WORDS = /\bconnectez-vous\b|\bse connecter\b|\bconnexion\b|\bidentifiant\b|\bidentifiez-vous\b|\bmot de passe\b|\bcode (secret|confidentiel|d'acces)\b/;



function sentenceAround(text: string, index: number, len: number): string {
  const start = Math.max(text.lastIndexOf('.', index) + 1, index - 160, 0);
  const endDot = text.indexOf('.', index + len);
  const end = Math.min(endDot === -1 ? text.length : endDot, index + len + 160);
  return text.slice(start, end).trim();
}

function detect(page: PageView): Finding[] {
  const $ = page.$;
  const url = page.url;
  const title = fold(page.snapshot.title ?? '');
  const visible = fold(page.text);
  const labels: string[] = [];
  for (const el of selectAll($, 'a, button, [role="button"], [role="menuitem"], [role="tab"]')) {
    const n = el as Node;
    const t = fold(collapse(`${$(el as never).text()} ${n.attribs?.['aria-label'] ?? ''} ${n.attribs?.title ?? ''}`));
    if (t && t.length <= 160) labels.push(t);
  }
  const ev: Evidence[] = [];

  // login wall
  const pwd = selectAll($, 'input[type="password"]').filter((e) => !isHiddenDeep(e));
  const loginWall = pwd.length > 0 || (LOGIN_WORDS.test(visible.slice(0, 3000)) && new RegExp(AREA).test(`${title} ${fold(select($, 'h1').first().text())}`));

  let gated = false;
  const sources: [string, 'text' | 'dom'][] = [
    [visible, 'text'],
    [title, 'text'],
    ...labels.map((l) => [l, 'dom'] as [string, 'dom']),
  ];
  for (const [s, source] of sources) {
    let found = false;
    for (const [re, label] of CUES) {
      re.lastIndex = 0;
      for (let m = re.exec(s); m; m = re.exec(s)) {
        const sentence = sentenceAround(s, m.index, m[0].length);
        if (NOT_SECURE.test(m[0]) || WARNING.test(sentence)) continue;
        const e = evidence(url, source, 'secure-messaging-cue', `${label}: ${sentence}`, source === 'dom' ? 'a, button' : undefined);
        if (!ev.some((x) => x.detail === e.detail)) ev.push(e);
        if (GATE.test(m[0]) || GATE.test(sentence)) gated = true;
        found = true;
        break;
      }
      if (found) break;
    }
    if (ev.length >= 3) break;
  }

  // "Mes messages" menu label in a customer-area context
  if (ev.length === 0) {
    const areaContext = new RegExp(AREA).test(visible) || new RegExp(AREA).test(title) || loginWall || /\/(espace|mon-compte|moncompte|client|account|compte)/i.test(url);
    const inbox = labels.find((l) => INBOX_LABEL.test(l) && !NOT_SECURE.test(l));
    if (areaContext && inbox) {
      ev.push(evidence(url, 'dom', 'customer-area-inbox-link', inbox, 'a, button'));
      gated = true;
    }
  }
  if (ev.length === 0) return [];
  if (loginWall) {
    gated = true;
    ev.push(evidence(url, 'dom', 'login-wall', pwd.length ? 'password field on the page' : 'sign-in page of the customer area', pwd.length ? 'input[type=password]' : undefined));
  }
  return [{ channel: 'secure_messaging', detector: 'secure-messaging', attributes: { loginGated: gated }, evidence: ev }];
}

export const secureMessaging: Detector = {
  id: 'secure-messaging',
  version: 2,
  channels: ['secure_messaging'],
  needs: ['html', 'title'],
  detect,
};
