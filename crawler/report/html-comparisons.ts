/**
 * Section 3 of the HTML report: the study's per-channel comparison tables ("Comparatif des FAQ",
 * chatbot / livechat, phone, form, e-mail, social, secure messaging, apps), criteria × actors, one
 * table per sector.
 */
import type { ChannelKey, ChannelResult, MatrixActor } from '../types.ts';
import { PHONE_KIND_FR, boolAttr, channelOf, formatPhoneFr, hoursFr, isScanned, numAttr, phoneNumbers, strAttr, strListAttr } from './common.ts';
import { escapeHtml as e, presenceCell, yesNo } from './html-cells.ts';

/** How a chat was classified bot vs human (finding attribute classifiedBy), in the report's words. */
const CLASSIFIED_BY: Record<string, string> = {
  'widget-text': 'le texte du widget',
  'vendor-product': 'le produit de l’éditeur',
  'page-wording': 'le texte de la page',
  unknown: 'rien (widget non ouvert, type inconnu)',
};
function classifiedByLabel(v: string | null | undefined): string {
  return v ? (CLASSIFIED_BY[v] ?? v) : 'non précisé';
}

interface Criterion {
  label: string;
  /** channel whose absence makes the cell "—" */
  channel: ChannelKey;
  /** cell HTML for a present channel; `presence` rows render the synthesis badge */
  cell: ((c: ChannelResult, a: MatrixActor) => string) | 'presence';
}

interface Comparison {
  id: string;
  title: string;
  channels: ChannelKey[];
  criteria: Criterion[];
}

const list = (xs: string[]) => (xs.length ? xs.map(e).join(', ') : '—');

const STORE_FR: Record<string, string> = { ios: 'App Store (iOS)', android: 'Google Play (Android)' };

export const COMPARISONS: Comparison[] = [
  {
    id: 'cmp-faq',
    title: 'Comparatif des FAQ',
    channels: ['faq'],
    criteria: [
      { label: 'FAQ', channel: 'faq', cell: 'presence' },
      { label: 'Rubriques (questions par thème)', channel: 'faq', cell: (c) => yesNo(boolAttr(c, 'categories')) },
      { label: 'Barre de recherche', channel: 'faq', cell: (c) => yesNo(boolAttr(c, 'search')) },
      {
        label: 'Questions recensées (estimation)',
        channel: 'faq',
        cell: (c) => {
          const n = numAttr(c, 'questionCount');
          return n === undefined ? '?' : String(n);
        },
      },
      { label: 'Redirection vers d’autres canaux', channel: 'faq', cell: (c) => yesNo(boolAttr(c, 'linksToContact')) },
      { label: 'Évaluation possible (« utile ? »)', channel: 'faq', cell: (c) => yesNo(boolAttr(c, 'feedback')) },
    ],
  },
  {
    id: 'cmp-chat',
    title: 'Comparatif chatbot / livechat',
    channels: ['chatbot', 'livechat'],
    criteria: [
      { label: 'Chatbot (assistant automatisé)', channel: 'chatbot', cell: 'presence' },
      { label: 'Éditeur du chatbot', channel: 'chatbot', cell: (c) => e(strAttr(c, 'vendor') ?? 'non identifié') },
      { label: 'Chatbot : classé d’après', channel: 'chatbot', cell: (c) => e(classifiedByLabel(strAttr(c, 'classifiedBy'))) },
      { label: 'Livechat (conseiller humain)', channel: 'livechat', cell: 'presence' },
      { label: 'Éditeur du livechat', channel: 'livechat', cell: (c) => e(strAttr(c, 'vendor') ?? 'non identifié') },
      { label: 'Livechat : classé d’après', channel: 'livechat', cell: (c) => e(classifiedByLabel(strAttr(c, 'classifiedBy'))) },
    ],
  },
  {
    id: 'cmp-phone',
    title: 'Comparatif du canal téléphonique',
    channels: ['phone'],
    criteria: [
      { label: 'Téléphone', channel: 'phone', cell: 'presence' },
      {
        label: 'Numéros (type)',
        channel: 'phone',
        cell: (c) => {
          const ns = phoneNumbers(c);
          if (!ns.length) return '?';
          return ns
            .map(
              (n) =>
                `<span class="num">${e(formatPhoneFr(n.number))}</span> <small>(${e(PHONE_KIND_FR[n.kind] ?? n.kind)}${
                  n.label ? ` · ${e(n.label)}` : ''
                })</small>`,
            )
            .join('<br>');
        },
      },
      {
        label: 'Créneaux horaires',
        channel: 'phone',
        cell: (c) => {
          const h = strAttr(c, 'hours');
          return h ? `<span title="${e(h)}">${e(hoursFr(h))}</span>` : 'non indiqués';
        },
      },
      { label: 'Rappel téléphonique', channel: 'phone', cell: (c) => yesNo(boolAttr(c, 'callback')) },
      { label: 'Rendez-vous téléphonique', channel: 'phone', cell: (c) => yesNo(boolAttr(c, 'appointment')) },
      { label: 'Service sourds et malentendants', channel: 'phone', cell: (c) => yesNo(boolAttr(c, 'accessible')) },
    ],
  },
  {
    id: 'cmp-form',
    title: 'Comparatif du formulaire de contact',
    channels: ['form'],
    criteria: [
      { label: 'Formulaire', channel: 'form', cell: 'presence' },
      {
        label: 'Champs à remplir',
        channel: 'form',
        cell: (c) => {
          const n = numAttr(c, 'fields');
          return n === undefined ? '?' : String(n);
        },
      },
      { label: 'Menu filtrant (objet de la demande)', channel: 'form', cell: (c) => yesNo(boolAttr(c, 'subjectMenu')) },
      { label: 'Délai de réponse indiqué', channel: 'form', cell: (c) => yesNo(boolAttr(c, 'statedDelay')) },
      { label: 'Pièce jointe possible', channel: 'form', cell: (c) => yesNo(boolAttr(c, 'upload')) },
      { label: 'Captcha', channel: 'form', cell: (c) => yesNo(boolAttr(c, 'captcha')) },
    ],
  },
  {
    id: 'cmp-email',
    title: 'Adresses e-mail de contact',
    channels: ['email'],
    criteria: [
      { label: 'E-mail', channel: 'email', cell: 'presence' },
      { label: 'Adresses', channel: 'email', cell: (c) => list(strListAttr(c, 'addresses')) },
    ],
  },
  {
    id: 'cmp-social',
    title: 'Réseaux sociaux & messageries instantanées',
    channels: ['social', 'messaging'],
    criteria: [
      { label: 'Réseaux sociaux', channel: 'social', cell: 'presence' },
      { label: 'Réseaux', channel: 'social', cell: (c) => list(strListAttr(c, 'networks')) },
      { label: 'Messagerie instantanée', channel: 'messaging', cell: 'presence' },
      { label: 'Applications', channel: 'messaging', cell: (c) => list(strListAttr(c, 'apps')) },
    ],
  },
  {
    id: 'cmp-secure',
    title: 'Messagerie sécurisée & forum',
    channels: ['secure_messaging', 'forum'],
    criteria: [
      { label: 'Messagerie sécurisée (espace client)', channel: 'secure_messaging', cell: 'presence' },
      { label: 'Forum / communauté d’entraide', channel: 'forum', cell: 'presence' },
    ],
  },
  {
    id: 'cmp-app',
    title: 'Applications mobiles',
    channels: ['mobile_app'],
    criteria: [
      { label: 'Application mobile', channel: 'mobile_app', cell: 'presence' },
      {
        label: 'Magasins',
        channel: 'mobile_app',
        cell: (c) => list(strListAttr(c, 'stores').map((s) => STORE_FR[s] ?? s)),
      },
    ],
  },
];

export function comparisonTable(cmp: Comparison, sector: string, actors: MatrixActor[]): string {
  const head = actors.map((a) => `<th scope="col">${e(a.name)}</th>`).join('');
  const rows = cmp.criteria
    .map((cr) => {
      const cells = actors
        .map((a) => {
          if (cr.cell === 'presence') return presenceCell(a, cr.channel);
          if (!isScanned(a)) return '<td class="na">n/a</td>';
          const c = channelOf(a, cr.channel);
          if (!c.present) return '<td class="absent">—</td>';
          return `<td>${cr.cell(c, a)}</td>`;
        })
        .join('');
      return `<tr${cr.cell === 'presence' ? ' class="presence-row"' : ''}><th scope="row">${e(cr.label)}</th>${cells}</tr>`;
    })
    .join('\n');
  return (
    `<div class="scroll"><table class="compare" data-comparison="${cmp.id}" data-sector="${e(sector)}">` +
    `<caption>Secteur ${e(sector)}</caption>` +
    `<thead><tr><th scope="col">Critère</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`
  );
}
