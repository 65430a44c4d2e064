/**
 * Subject pickers of a contact form, for the contact-form detector: the labels that name a
 * subject menu ("Objet", "Motif", "Votre demande concerne"…), those that pick something else
 * (civility, country, dates…), and choices or topic buttons placed before the message field
 * that read as topics of a request.
 */
import type { CheerioAPI } from 'cheerio';
import { collapse, fold } from './text.ts';
import { findIn, isHiddenDeep } from './dom.ts';
import { SUBMIT_LABEL, type Node } from './form-controls.ts';

export const SUBJECT_LABEL =
  /\b(objet|motif|sujet|theme|thematique|rubrique|categorie|nature de (votre|la) (demande|question|reclamation)|type de (votre |la )?(demande|question|reclamation|message)|votre demande concerne|raison de (votre|la) (demande|prise de contact)|je (souhaite|voudrais|veux)|ma demande concerne|subject|topic|reason)\b/;
/** selects and radio groups that pick something other than a subject */
export const NOT_SUBJECT =
  /\b(civilite|titre|genre|sexe|pays|country|nationalite|langue|date|jour|mois|annee|heure|horaire|creneau|region|departement|ville|commune|vous etes|profil|statut|situation|age|tranche|quantite|nombre|indicatif|moyen de contact|etre contacte|preference|recontacter|consentement|j'accepte|newsletter)\b/;
/** a choice shorter than this is a civility or a yes/no ("M.", "Mme", "Oui", "Non") */
const MIN_TOPIC_CHARS = 6;
/** topics offered by a subject picker, placeholder excluded */
const MIN_TOPICS = 3;

/** the choices read as subjects of a request: several, worded, not numbers, not yes/no */
export function topicLike(choices: string[]): boolean {
  const real = choices
    .map((c) => collapse(c))
    .filter((c) => c && !/^(-+|choisi\w*|selectionne\w*|veuillez|--)/i.test(fold(c)));
  if (real.length < MIN_TOPICS) return false;
  const worded = real.filter((c) => c.length >= MIN_TOPIC_CHARS && /\p{L}{3}/u.test(c) && !/^\d/.test(c));
  return worded.length >= MIN_TOPICS && worded.length * 2 >= real.length;
}

/** ≥3 non-submit buttons (or role=radio/tab/option, aria-pressed) with topic wording before the message field */
export function topicButtonsBeforeMessage($: CheerioAPI, r: ReturnType<CheerioAPI>, message: unknown): boolean {
  if (!message) return false;
  const root = r.get(0);
  const all = findIn($, root, 'button, [role="button"], [role="radio"], [role="tab"], [role="option"], [aria-pressed]');
  const order = findIn($, root, '*');
  const msgAt = order.indexOf(message as never);
  const topics = all.filter((el) => {
    const n = el as Node;
    if (isHiddenDeep(el) || order.indexOf(el as never) > msgAt) return false;
    if (n.name === 'button' && (n.attribs?.type ?? 'submit') === 'submit' && !('aria-pressed' in (n.attribs ?? {}))) return false;
    const t = collapse($(el as never).text());
    return !SUBMIT_LABEL.test(fold(t)) && !/^(annuler|retour|precedent|fermer|effacer)\b/.test(fold(t));
  });
  return topicLike(topics.map((el) => $(el as never).text()));
}
