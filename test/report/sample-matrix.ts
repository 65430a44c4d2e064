/**
 * A realistic matrix for the report tests: 6 actors over 3 sectors (banque, énergie, transports),
 * one partial, one failed, cookie-gated and customer-only cells, evidence with text that needs
 * escaping, every channel key on every actor.
 */
import type { ChannelKey, ChannelResult, Evidence, EvidenceSource, MatrixActor, MatrixJson } from '../../crawler/types.ts';
import { CHANNELS } from '../../crawler/types.ts';

const ABSENT: ChannelResult = { present: false };

function ev(url: string, signal: string, detail: string, source: EvidenceSource = 'dom'): Evidence {
  return { url, signal, detail, source };
}

function present(
  clicks: number,
  url: string,
  evidence: Evidence[],
  extra: Partial<ChannelResult> = {},
): ChannelResult {
  return { present: true, clicks, url, consentGated: false, loginGated: false, evidence, ...extra };
}

function channels(partial: Partial<Record<ChannelKey, ChannelResult>>): Record<ChannelKey, ChannelResult> {
  const out = {} as Record<ChannelKey, ChannelResult>;
  for (const k of CHANNELS) out[k] = partial[k] ?? ABSENT;
  return out;
}

const BH = 'https://www.banque-horizon.fr';
const NE = 'https://www.eclair-banque.fr';
const EV = 'https://www.energie-verte.fr';
const RD = 'https://www.reseau-distrib.fr';
const RE = 'https://www.rail-express.fr';

/** The page whose screenshot the HTML test generates. */
export const SCREENSHOT_URL = `${BH}/contact`;

/** The evidence snippet that must show as text and never run. */
export const SCRIPT_SNIPPET = '<script>window.__pwned = 1; document.title = "pwned"</script>';

const banqueHorizon: MatrixActor = {
  id: 'banque-horizon',
  name: 'Banque Horizon',
  sector: 'banque',
  segment: 'traditionnelle',
  status: 'ok',
  error: null,
  pagesVisited: 18,
  consent: { cmp: 'onetrust', banner: true, rejectButton: true },
  channels: channels({
    faq: present(1, `${BH}/aide`, [ev(`${BH}/aide`, 'faq-heading', 'Questions fréquentes'), ev(`${BH}/aide`, 'faq-search', '<input type="search" placeholder="Rechercher une réponse">')], {
      path: ['Accueil', 'Aide'],
      search: true,
      categories: true,
      questionCount: 240,
      feedback: true,
      linksToContact: true,
    }),
    chatbot: present(0, `${BH}/`, [ev(`${BH}/`, 'vendor-script-host', 'https://cdn.inbenta.io/chatbot/1.0/inbenta.js', 'request'), ev(`${BH}/`, 'inline-script', SCRIPT_SNIPPET, 'script')], {
      consentGated: true,
      vendor: 'inbenta',
      path: ['Accueil'],
    }),
    livechat: present(2, `${BH}/espace-client/contact`, [ev(`${BH}/espace-client/contact`, 'login-gated-chat', 'Discutez avec un conseiller (réservé aux clients connectés)', 'text')], {
      loginGated: true,
      vendor: 'iadvize',
      path: ['Accueil', 'Espace client', 'Nous contacter'],
    }),
    phone: present(1, SCREENSHOT_URL, [ev(SCREENSHOT_URL, 'tel-link', 'tel:+33142000000'), ev(SCREENSHOT_URL, 'phone-text', '0 800 123 456 Service & appel gratuits', 'text'), ev(SCREENSHOT_URL, 'accessible-service', 'Service sourds et malentendants (Elioz)', 'text')], {
      path: ['Accueil', 'Nous contacter'],
      numbers: [
        { number: '+33142000000', kind: 'geographic', label: 'Service client', hours: 'Mo-Fr 08:00-20:00; Sa 09:00-17:30' },
        { number: '+33800123456', kind: 'tollfree' },
      ],
      hours: 'Mo-Fr 08:00-20:00; Sa 09:00-17:30',
      callback: true,
      appointment: true,
      accessible: true,
    }),
    social: present(0, `${BH}/`, [ev(`${BH}/`, 'social-link', 'https://www.facebook.com/banquehorizon'), ev(`${BH}/`, 'social-link', 'https://x.com/banquehorizon')], {
      networks: ['facebook', 'x', 'linkedin', 'youtube'],
    }),
    secure_messaging: present(1, `${BH}/espace-client`, [ev(`${BH}/espace-client`, 'secure-messaging-text', 'Messagerie sécurisée : écrivez à votre conseiller', 'text')], {
      loginGated: true,
      path: ['Accueil', 'Espace client'],
    }),
    mobile_app: present(0, `${BH}/`, [ev(`${BH}/`, 'app-store-link', 'https://apps.apple.com/fr/app/banque-horizon/id123456'), ev(`${BH}/`, 'play-store-link', 'https://play.google.com/store/apps/details?id=fr.banquehorizon')], {
      stores: ['ios', 'android'],
    }),
  }),
};

const neobanque: MatrixActor = {
  id: 'neobanque-eclair',
  name: 'Néobanque Éclair',
  sector: 'banque',
  segment: 'en ligne',
  status: 'ok',
  error: null,
  pagesVisited: 22,
  consent: { cmp: 'didomi', banner: true, rejectButton: false },
  channels: channels({
    faq: present(1, `${NE}/faq`, [ev(`${NE}/faq`, 'faq-schema', '{"@type":"FAQPage"}', 'script')], {
      path: ['Accueil', 'FAQ'],
      search: true,
      categories: true,
      questionCount: 85,
      feedback: false,
      linksToContact: true,
    }),
    chatbot: present(1, `${NE}/faq`, [ev(`${NE}/faq`, 'vendor-global', 'zE', 'global')], { consentGated: true, vendor: 'zendesk', path: ['Accueil', 'FAQ'] }),
    phone: present(2, `${NE}/faq/contact`, [ev(`${NE}/faq/contact`, 'tel-link', 'tel:+33970809090')], {
      path: ['Accueil', 'FAQ', 'Nous joindre'],
      numbers: [{ number: '+33970809090', kind: 'nongeographic' }],
      hours: 'Mo-Fr 09:00-19:00',
      callback: false,
      appointment: false,
      accessible: false,
    }),
    form: present(2, `${NE}/faq/contact`, [ev(`${NE}/faq/contact`, 'contact-form', `Objet : "Réclamation" & 'Autre' <select name="subject">`), ev(`${NE}/faq/contact`, 'stated-delay', 'Réponse sous 48 h ouvrées', 'text')], {
      path: ['Accueil', 'FAQ', 'Nous joindre'],
      fields: 6,
      subjectMenu: true,
      upload: true,
      captcha: true,
      statedDelay: true,
    }),
    email: present(2, `${NE}/faq/contact`, [ev(`${NE}/faq/contact`, 'mailto-link', 'mailto:support@eclair-banque.fr')], { addresses: ['support@eclair-banque.fr'] }),
    social: present(0, `${NE}/`, [ev(`${NE}/`, 'social-link', 'https://www.instagram.com/eclairbanque')], { networks: ['instagram', 'tiktok'] }),
    messaging: present(1, `${NE}/faq`, [ev(`${NE}/faq`, 'whatsapp-link', 'https://wa.me/33612345678')], { consentGated: true, apps: ['whatsapp'], path: ['Accueil', 'FAQ'] }),
    secure_messaging: present(1, `${NE}/connexion`, [ev(`${NE}/connexion`, 'secure-messaging-text', 'Votre messagerie sécurisée', 'text')], { loginGated: true }),
    forum: present(1, `${NE}/communaute`, [ev(`${NE}/communaute`, 'forum-text', 'La communauté Éclair : posez vos questions aux membres', 'text')], { path: ['Accueil', 'Communauté'] }),
    mobile_app: present(0, `${NE}/`, [ev(`${NE}/`, 'app-store-link', 'https://apps.apple.com/fr/app/eclair/id999')], { stores: ['ios', 'android'] }),
  }),
};

const energieVerte: MatrixActor = {
  id: 'energie-verte',
  name: 'Énergie Verte & Co',
  sector: 'énergie',
  segment: 'fournisseur',
  status: 'ok',
  error: null,
  pagesVisited: 15,
  consent: { cmp: 'axeptio', banner: true, rejectButton: true },
  channels: channels({
    faq: present(1, `${EV}/aide`, [ev(`${EV}/aide`, 'faq-heading', 'Besoin d’aide ?')], {
      path: ['Accueil', 'Aide'],
      search: false,
      categories: true,
      questionCount: 40,
      feedback: true,
      linksToContact: false,
    }),
    livechat: present(1, `${EV}/souscrire`, [ev(`${EV}/souscrire`, 'widget-text', 'Un conseiller vous répond', 'widget')], { consentGated: true, vendor: null, path: ['Accueil', 'Souscrire'] }),
    phone: present(1, `${EV}/contact`, [ev(`${EV}/contact`, 'tel-link', 'tel:+33969321515'), ev(`${EV}/contact`, 'tel-link', 'tel:+33899123456')], {
      path: ['Accueil', 'Contact'],
      numbers: [
        { number: '+33969321515', kind: 'nongeographic', label: 'Clients' },
        { number: '+33899123456', kind: 'premium' },
      ],
      hours: 'Mo-Sa 08:00-20:00',
      callback: true,
      appointment: false,
      accessible: true,
    }),
    form: present(2, `${EV}/contact/formulaire`, [ev(`${EV}/contact/formulaire`, 'contact-form', '<form action="/contact/envoyer">')], {
      path: ['Accueil', 'Contact', 'Écrire'],
      fields: 9,
      subjectMenu: true,
      upload: false,
      captcha: false,
      statedDelay: false,
    }),
    social: present(0, `${EV}/`, [ev(`${EV}/`, 'social-link', 'https://www.facebook.com/energieverte')], { networks: ['facebook', 'x'] }),
    messaging: present(1, `${EV}/contact`, [ev(`${EV}/contact`, 'messenger-link', 'https://m.me/energieverte')], { apps: ['messenger'], path: ['Accueil', 'Contact'] }),
    secure_messaging: present(2, `${EV}/espace-client`, [ev(`${EV}/espace-client`, 'secure-messaging-text', 'Mes messages', 'text')], {
      loginGated: true,
      consentGated: true,
      path: ['Accueil', 'Espace client', 'Mes messages'],
    }),
    mobile_app: present(0, `${EV}/`, [ev(`${EV}/`, 'play-store-link', 'https://play.google.com/store/apps/details?id=fr.energieverte')], { stores: ['android'] }),
  }),
};

const reseauDistrib: MatrixActor = {
  id: 'reseau-distrib',
  name: 'Réseau Distrib',
  sector: 'énergie',
  segment: 'distributeur',
  status: 'ok',
  error: null,
  pagesVisited: 11,
  consent: { cmp: null, banner: false, rejectButton: false },
  channels: channels({
    faq: present(0, `${RD}/`, [ev(`${RD}/`, 'faq-heading', 'Vos questions, nos réponses')], {
      search: true,
      categories: true,
      questionCount: 150,
      feedback: true,
      linksToContact: true,
    }),
    chatbot: present(0, `${RD}/`, [ev(`${RD}/`, 'vendor-script-host', 'https://www.dydu-priv.com/servlet/chatbox.js', 'request')], { vendor: 'dydu' }),
    phone: present(1, `${RD}/contact`, [ev(`${RD}/contact`, 'phone-text', '09 70 83 19 70 (appel non surtaxé)', 'text')], {
      path: ['Accueil', 'Contact'],
      numbers: [{ number: '+33970831970', kind: 'nongeographic' }],
      hours: null,
      callback: false,
      appointment: false,
      accessible: false,
    }),
    form: present(1, `${RD}/contact`, [ev(`${RD}/contact`, 'contact-form', 'Formulaire de contact : 12 champs')], {
      path: ['Accueil', 'Contact'],
      fields: 12,
      subjectMenu: true,
      upload: true,
      captcha: true,
      statedDelay: true,
    }),
    social: present(0, `${RD}/`, [ev(`${RD}/`, 'social-link', 'https://www.linkedin.com/company/reseau-distrib')], { networks: ['x', 'linkedin'] }),
  }),
};

const railExpress: MatrixActor = {
  id: 'rail-express',
  name: 'Rail Express',
  sector: 'transports',
  segment: 'opérateur',
  status: 'partial',
  error: 'budget de pages atteint (30 pages), FAQ non parcourue en entier',
  pagesVisited: 30,
  consent: { cmp: 'onetrust', banner: true, rejectButton: true },
  channels: channels({
    faq: present(1, `${RE}/aide`, [ev(`${RE}/aide`, 'faq-heading', 'Aide et contact')], {
      path: ['Accueil', 'Aide'],
      search: true,
      categories: true,
      questionCount: 320,
      feedback: true,
      linksToContact: true,
    }),
    chatbot: present(0, `${RE}/`, [ev(`${RE}/`, 'widget-text', 'Bonjour, je suis Léa, l’assistante virtuelle', 'widget')], { vendor: 'inbenta' }),
    livechat: present(3, `${RE}/aide/contact/chat`, [ev(`${RE}/aide/contact/chat`, 'vendor-script-host', 'https://halc.iadvize.com/iadvize.js?sid=4242', 'request')], {
      vendor: 'iadvize',
      classifiedBy: 'page-wording',
      path: ['Accueil', 'Aide', 'Nous contacter', 'Chat'],
    }),
    phone: present(2, `${RE}/aide/contact`, [ev(`${RE}/aide/contact`, 'phone-text', '3635 (service 0,40 €/min + prix appel)', 'text')], {
      path: ['Accueil', 'Aide', 'Nous contacter'],
      numbers: [{ number: '3635', kind: 'short' }],
      hours: 'Mo-Su 07:00-22:00',
      callback: false,
      appointment: false,
      accessible: true,
    }),
    social: present(0, `${RE}/`, [ev(`${RE}/`, 'social-link', 'https://x.com/railexpress')], { networks: ['facebook', 'x', 'instagram'] }),
    messaging: present(0, `${RE}/`, [ev(`${RE}/`, 'whatsapp-link', 'https://wa.me/33700000000')], { consentGated: true, apps: ['whatsapp', 'messenger'] }),
    forum: present(2, `${RE}/communaute`, [ev(`${RE}/communaute`, 'forum-text', 'Forum des voyageurs')], { path: ['Accueil', 'Aide', 'Communauté'] }),
    mobile_app: present(0, `${RE}/`, [ev(`${RE}/`, 'app-store-link', 'https://apps.apple.com/fr/app/rail-express/id42')], { stores: ['ios', 'android'] }),
  }),
};

const busMetropole: MatrixActor = {
  id: 'bus-metropole',
  name: 'Bus Métropole',
  sector: 'transports',
  segment: null,
  status: 'failed',
  error: 'net::ERR_NAME_NOT_RESOLVED at https://www.bus-metropole.fr/',
  pagesVisited: 0,
  consent: { cmp: null, banner: false, rejectButton: false },
  channels: channels({}),
};

export const SAMPLE_MATRIX: MatrixJson = {
  run: { id: 'run-2025-03-14-a1b2', edition: '2025', startedAt: '2025-03-14T09:00:00.000Z', finishedAt: '2025-03-14T09:42:30.000Z' },
  channels: [...CHANNELS],
  actors: [banqueHorizon, neobanque, energieVerte, reseauDistrib, railExpress, busMetropole],
};
