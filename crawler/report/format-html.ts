/**
 * `matrix --format html` / `report`: one self-contained HTML document an analyst can send as is.
 * Inline CSS, no external resource (screenshots are data: URIs or paths relative to the report),
 * readable without JavaScript (a few lines only add "expand/collapse all" buttons).
 *
 * Sections, after the 2025 study: synthesis matrix per sector (open to all / customers only /
 * cookie-gated, clicks from the home page), presence rates per sector and panel, the study's
 * per-channel comparison tables (criteria × actors, per sector), actors and consent, and the
 * evidence behind every present cell (click path, page, signals and snippets, screenshot).
 */
import type { ChannelKey, ChannelResult, Evidence, MatrixActor, MatrixJson } from '../types.ts';
import {
  CHANNEL_LABELS_FR,
  PHONE_KIND_FR,
  boolAttr,
  channelKeys,
  channelOf,
  channelStats,
  clickPath,
  dateFr,
  formatPhoneFr,
  gatingOf,
  groupBySector,
  hoursFr,
  isScanned,
  numAttr,
  phoneNumbers,
  statusCounts,
  strAttr,
  strListAttr,
  blockedCell,
} from './common.ts';

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

export interface HtmlReportOptions {
  title?: string;
  /** page URL → image source (a data: URI, or a path relative to the report file) */
  screenshots?: Record<string, string>;
  /** actor id → its web archives (scan --archive), one per consent pass, paths relative to the report */
  archives?: Record<string, ArchiveLink[]>;
}

export interface ArchiveLink {
  pass: 'refuse' | 'accept';
  href: string;
}

const PASS_FR = { refuse: 'cookies refusés', accept: 'cookies acceptés' } as const;

/** Links to an actor's archive files (relative paths only: no scheme can slip in). */
function archiveLinks(files: ArchiveLink[] | undefined): string {
  return (files ?? [])
    .filter((f) => !/^[a-z][a-z0-9+.-]*:/i.test(f.href))
    .map((f) => `<a class="archive" href="${e(f.href)}" title="Archive web (WACZ) du parcours ${e(PASS_FR[f.pass] ?? f.pass)}">${e(f.href.split('/').pop())}</a>`)
    .join(' · ');
}

/** Escapes text for HTML content and (double- or single-quoted) attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;
const NBSP = '\u00a0';

/** A link when the URL is http(s), else the URL as plain text (never a javascript: link). */
function link(url: string | undefined, cls = ''): string {
  if (!url) return '—';
  const ok = /^https?:\/\//i.test(url);
  if (!ok) return `<span class="url">${e(url)}</span>`;
  return `<a class="url ${cls}" href="${e(url)}" rel="noopener noreferrer">${e(url)}</a>`;
}

/** Image sources we accept: data:image/…, or a relative path / http(s) URL (no script schemes). */
function safeImgSrc(src: string): boolean {
  if (/^data:image\/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i.test(src)) return true;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return /^https?:/i.test(src);
  return true;
}

function anchorId(actorId: string, key: string): string {
  return `ev-${actorId.replace(/[^A-Za-z0-9_-]/g, '_')}-${key}`;
}

function pct(p: number | null): string {
  return p === null ? 'n/a' : `${p}${NBSP}%`;
}

function clicksFr(n: number | undefined): string {
  if (typeof n !== 'number') return 'clics ?';
  return `${n}${NBSP}clic${n > 1 ? 's' : ''}`;
}

function gatingClass(c: ChannelResult): string {
  const cls = ['cell', 'present'];
  if (c.loginGated) cls.push('customers');
  if (c.consentGated) cls.push('cookies');
  if (!c.loginGated && !c.consentGated) cls.push('open');
  return cls.join(' ');
}

function gatingWords(c: ChannelResult): string {
  if (c.loginGated && c.consentGated) return 'clients · cookies';
  if (c.loginGated) return 'clients';
  if (c.consentGated) return 'cookies';
  return 'tous';
}

function gatingTitle(c: ChannelResult): string {
  const parts: string[] = [];
  if (c.loginGated) parts.push('réservé aux clients connectés');
  if (c.consentGated) parts.push('visible seulement après acceptation des cookies');
  if (!parts.length) parts.push('ouvert à tous');
  return parts.join(', ') + (typeof c.clicks === 'number' ? ` ; ${c.clicks} clic(s) depuis l'accueil` : '');
}

/** The synthesis badge of a present channel: "✓ tous / 1 clic", linked to its evidence. */
function presenceCell(a: MatrixActor, key: ChannelKey, tag: 'td' | 'span' = 'td'): string {
  const c = channelOf(a, key);
  const blocked = blockedCell(a, c);
  if (blocked) return `<${tag} class="cell blocked" data-channel="${key}" data-blocked="${e(a.blockedBy ?? '')}" title="mur anti-robots : canal non vu">${e(blocked)}</${tag}>`;
  if (!isScanned(a)) return `<${tag} class="cell na" data-channel="${key}">n/a</${tag}>`;
  if (!c.present) return `<${tag} class="cell absent" data-channel="${key}" title="non trouvé">—</${tag}>`;
  const g = gatingOf(c)!;
  return (
    `<${tag} class="${gatingClass(c)}" data-channel="${key}" data-gating="${g}" data-consent="${c.consentGated ? 1 : 0}"` +
    ` data-login="${c.loginGated ? 1 : 0}" data-clicks="${typeof c.clicks === 'number' ? c.clicks : ''}" title="${e(gatingTitle(c))}">` +
    `<a href="#${anchorId(a.id, key)}"><span class="mark">✓ ${gatingWords(c)}</span><span class="clicks">${clicksFr(c.clicks)}</span></a></${tag}>`
  );
}

function yesNo(v: boolean | undefined): string {
  if (v === true) return '<span class="yes">✓</span>';
  if (v === false) return '<span class="no">✗</span>';
  return '<span class="unknown" title="non déterminé">?</span>';
}

// ---------------------------------------------------------------------------------------------
// comparison tables (criteria × actors, per sector), after the study's "Comparatif des …"

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

const COMPARISONS: Comparison[] = [
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

function comparisonTable(cmp: Comparison, sector: string, actors: MatrixActor[]): string {
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

// ---------------------------------------------------------------------------------------------

function synthesisTable(m: MatrixJson, sector: string, actors: MatrixActor[]): string {
  const keys = channelKeys(m);
  const head = keys.map((k) => `<th scope="col" data-channel="${k}">${e(CHANNEL_LABELS_FR[k] ?? k)}</th>`).join('');
  const body = actors
    .map((a) => {
      const badge =
        a.status === 'partial'
          ? ` <span class="status partial" title="${e(a.error ?? '')}">partiel</span>`
          : a.status === 'failed'
            ? ' <span class="status failed">échec</span>'
            : '';
      const name = `<th scope="row" class="actor">${e(a.name)}${a.segment ? ` <small>${e(a.segment)}</small>` : ''}${badge}</th>`;
      if (a.status === 'failed' && !a.blockedBy) {
        return `<tr data-actor="${e(a.id)}" class="failed-row">${name}<td class="cell failed" colspan="${keys.length}">Analyse en échec : ${e(a.error ?? 'erreur inconnue')}</td></tr>`;
      }
      return `<tr data-actor="${e(a.id)}">${name}${keys.map((k) => presenceCell(a, k)).join('')}</tr>`;
    })
    .join('\n');
  const partial = actors.filter((a) => a.status === 'partial');
  const notes = partial.length
    ? `<ul class="notes">${partial
        .map((a) => `<li><b>${e(a.name)}</b> : analyse partielle — ${e(a.error ?? 'sans précision')}. Un canal absent peut ne pas avoir été vu.</li>`)
        .join('')}</ul>`
    : '';
  const foot = keys
    .map((k) => {
      const s = channelStats(actors, k);
      return `<td data-channel="${k}"><b>${pct(s.percent)}</b><br><small>${s.present}/${s.scanned}</small></td>`;
    })
    .join('');
  return (
    `<div class="scroll"><table class="matrix" data-sector="${e(sector)}">` +
    `<thead><tr><th scope="col">Acteur</th>${head}</tr></thead>` +
    `<tbody>\n${body}\n</tbody>` +
    `<tfoot><tr class="pct"><th scope="row">Présence dans le secteur</th>${foot}</tr></tfoot></table></div>` +
    notes
  );
}

function rateCell(actors: MatrixActor[], k: ChannelKey): string {
  const s = channelStats(actors, k);
  const w = s.percent ?? 0;
  const split: string[] = [];
  if (s.customers) split.push(`${s.customers} client${s.customers > 1 ? 's' : ''}`);
  if (s.cookies) split.push(`${s.cookies} cookies`);
  return (
    `<td class="rate" data-channel="${k}"><div class="bar"><span style="width:${w}%"></span></div>` +
    `<b>${pct(s.percent)}</b> <small>${s.present}/${s.scanned}${split.length ? ` · dont ${split.join(', ')}` : ''}</small></td>`
  );
}

function ratesTable(m: MatrixJson): string {
  const keys = channelKeys(m);
  const sectors = groupBySector(m.actors);
  const head = sectors.map((s) => `<th scope="col">${e(s.sector)}</th>`).join('') + '<th scope="col">Panel</th>';
  const rows = keys
    .map((k) => {
      const st = channelStats(m.actors, k);
      return (
        `<tr data-channel="${k}"><th scope="row">${e(CHANNEL_LABELS_FR[k] ?? k)}</th>` +
        sectors.map((s) => rateCell(s.actors, k)).join('') +
        rateCell(m.actors, k).replace('class="rate"', 'class="rate panel"') +
        `<td class="median">${st.medianClicks === null ? '—' : String(st.medianClicks).replace('.', ',')}</td></tr>`
      );
    })
    .join('\n');
  return (
    `<div class="scroll"><table class="rates"><thead><tr><th scope="col">Canal</th>${head}<th scope="col">Clics médians (panel)</th></tr></thead>` +
    `<tbody>\n${rows}\n</tbody></table></div>`
  );
}

function actorsTable(m: MatrixJson, archives: Record<string, ArchiveLink[]> = {}): string {
  // The archive column only when the run has archives: reports without them stay as they were.
  const withArchives = m.actors.some((a) => archives[a.id]?.length);
  const statusFr = { ok: 'complet', partial: 'partiel', failed: 'échec' } as const;
  const rows = m.actors
    .map((a) => {
      const c = a.consent ?? { cmp: null, banner: false, rejectButton: false };
      return (
        `<tr data-actor="${e(a.id)}"><th scope="row">${e(a.name)}</th><td>${e(a.sector)}</td><td>${e(a.segment ?? '—')}</td>` +
        `<td><span class="status ${a.status}">${statusFr[a.status] ?? e(a.status)}</span></td><td class="num">${a.pagesVisited ?? '—'}</td>` +
        `<td>${e(c.cmp ?? '—')}</td><td>${yesNo(c.banner)}</td><td>${c.banner ? yesNo(c.rejectButton) : '—'}</td>` +
        `<td>${a.error ? e(a.error) : ''}</td>` +
        (withArchives ? `<td class="archives">${archiveLinks(archives[a.id]) || '—'}</td>` : '') +
        '</tr>'
      );
    })
    .join('\n');
  return (
    '<div class="scroll"><table class="actors"><thead><tr><th scope="col">Acteur</th><th scope="col">Secteur</th><th scope="col">Segment</th>' +
    '<th scope="col">Analyse</th><th scope="col">Pages visitées</th><th scope="col">Plateforme de consentement</th>' +
    '<th scope="col">Bandeau cookies</th><th scope="col">Refus en un clic</th><th scope="col">Message</th>' +
    (withArchives ? '<th scope="col">Archive web</th>' : '') +
    '</tr></thead>' +
    `<tbody>\n${rows}\n</tbody></table></div>`
  );
}

// ---------------------------------------------------------------------------------------------
// evidence

function evidenceBlock(a: MatrixActor, key: ChannelKey, c: ChannelResult, shots: Record<string, string>, archives: ArchiveLink[] = []): string {
  const path = clickPath(c);
  const pathHtml = path
    ? e(path)
    : c.clicks === 0
      ? 'Page d’accueil'
      : `<span class="unknown">chemin non enregistré${typeof c.clicks === 'number' ? ` (${clicksFr(c.clicks)})` : ''}</span>`;
  const evs: Evidence[] = Array.isArray(c.evidence) ? c.evidence : [];
  const evRows = evs
    .map(
      (ev) =>
        `<tr><td><code>${e(ev.signal)}</code></td><td>${e(ev.source ?? '')}</td>` +
        `<td class="snippet"><code>${e(ev.detail)}</code>${ev.selector ? `<br><small>sélecteur : <code>${e(ev.selector)}</code></small>` : ''}</td>` +
        `<td>${link(ev.url, 'ev-url')}</td></tr>`,
    )
    .join('\n');
  const urls = [c.url, ...evs.map((x) => x.url)].filter((u): u is string => typeof u === 'string' && !!u);
  const figures = [...new Set(urls)]
    .filter((u) => typeof shots[u] === 'string' && safeImgSrc(shots[u]))
    .map(
      (u) =>
        `<figure><img src="${e(shots[u])}" alt="${e(`Capture d'écran de ${u} (${a.name}, ${CHANNEL_LABELS_FR[key] ?? key})`)}" loading="eager">` +
        `<figcaption>Capture : ${e(u)}</figcaption></figure>`,
    )
    .join('');
  return (
    `<details open class="evidence" id="${anchorId(a.id, key)}" data-actor="${e(a.id)}" data-channel="${key}">` +
    `<summary><b>${e(CHANNEL_LABELS_FR[key] ?? key)}</b> <span class="${gatingClass(c)} badge">✓ ${gatingWords(c)} · ${clicksFr(c.clicks)}</span></summary>` +
    `<dl><dt>Chemin</dt><dd class="path">${pathHtml}</dd><dt>Page</dt><dd>${link(c.url, 'page-url')}</dd>` +
    evidenceArchive(c, archives) +
    '</dl>' +
    (evs.length
      ? `<table class="signals"><thead><tr><th scope="col">Signal</th><th scope="col">Source</th><th scope="col">Ce qui a été vu</th><th scope="col">Page</th></tr></thead><tbody>\n${evRows}\n</tbody></table>`
      : '<p class="unknown">Aucune preuve enregistrée.</p>') +
    figures +
    '</details>'
  );
}

/** The archive of the pass where the channel was seen: with cookies accepted when it needed them. */
function evidenceArchive(c: ChannelResult, archives: ArchiveLink[]): string {
  const want = c.consentGated ? 'accept' : 'refuse';
  const f = archives.find((x) => x.pass === want) ?? archives[0];
  const html = f ? archiveLinks([f]) : '';
  return html ? `<dt>Archive</dt><dd class="archive">${html}${c.url ? ` <small>(page archivée : ${e(c.url)})</small>` : ''}</dd>` : '';
}

function evidenceSection(m: MatrixJson, shots: Record<string, string>, archives: Record<string, ArchiveLink[]> = {}): string {
  const keys = channelKeys(m);
  return m.actors
    .map((a) => {
      const present = keys.filter((k) => isScanned(a) && channelOf(a, k).present);
      const body = present.length
        ? present.map((k) => evidenceBlock(a, k, channelOf(a, k), shots, archives[a.id])).join('\n')
        : `<p class="unknown">${a.status === 'failed' ? `Analyse en échec : ${e(a.error ?? '')}` : 'Aucun canal trouvé.'}</p>`;
      const arch = archiveLinks(archives[a.id]);
      return `<section class="actor-evidence" id="actor-${e(a.id)}"><h3>${e(a.name)} <small>${e(a.sector)}</small></h3>\n${arch ? `<p class="archives">Archives web : ${arch}</p>\n` : ''}${body}\n<p class="top"><a href="#synthese">↑ retour à la synthèse</a></p></section>`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

const CSS = `
:root{--open:#d7f0dc;--open-b:#2e7d32;--cust:#dde3fb;--cust-b:#3949ab;--cook:#ffe7c2;--cook-b:#c25e00;--grey:#6b7280;--line:#d9dde3}
*{box-sizing:border-box}
body{font-family:"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#1f2933;background:#fff;font-size:14px;line-height:1.4}
header{background:#b3141c;color:#fff;padding:20px 32px}
header h1{margin:0 0 6px;font-size:24px}
header .meta{margin:2px 0;opacity:.95}
header code{color:#fff;background:rgba(255,255,255,.15);padding:0 4px;border-radius:3px}
.pill{display:inline-block;padding:2px 10px;border-radius:10px;background:#fff;color:#1f2933;margin-right:6px;font-weight:600}
.pill.partial{background:#fff3cd}.pill.failed{background:#fde2e1}
nav{padding:10px 32px;border-bottom:1px solid var(--line);background:#f7f8fa}
nav a{margin-right:16px;color:#b3141c;text-decoration:none;font-weight:600}
main{padding:8px 32px 40px;max-width:1500px}
h2{color:#b3141c;border-bottom:2px solid #b3141c;padding-bottom:4px;margin-top:32px}
h3{margin:22px 0 8px}
h3 small,th small{color:var(--grey);font-weight:normal}
.scroll{overflow-x:auto;margin-bottom:10px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:5px 8px;vertical-align:middle}
thead th{background:#f1f3f6;font-weight:600;text-align:center}
tbody th,tfoot th{text-align:left;background:#fafbfc;font-weight:600}
table.matrix{width:100%;table-layout:fixed}table.matrix thead th:first-child{width:190px}
table.matrix td,table.compare td{text-align:center;min-width:88px}
.cmp-grid{display:flex;flex-wrap:wrap;gap:4px 28px;align-items:flex-start}
ul.notes{margin:0 0 8px;padding-left:18px;color:#7a5b00;font-size:13px}
.cell a{color:inherit;text-decoration:none;display:block}
.cell .mark{display:block;font-weight:600;white-space:nowrap}
.cell .clicks{display:block;font-size:12px}
.cell.open{background:var(--open);color:#1b5e20}
.cell.customers{background:var(--cust);color:#1a237e}
.cell.cookies{background:var(--cook);color:#7a3b00;outline:2px dashed var(--cook-b);outline-offset:-3px}
.cell.customers.cookies{background:linear-gradient(135deg,var(--cust) 50%,var(--cook) 50%)}
.cell.absent{color:#9aa1ab;background:#fff}
.cell.na{color:var(--grey);background:#f3f4f6;font-style:italic}
.cell.failed{background:#fde2e1;color:#8a1c1c;text-align:left}.cell.blocked{background:#ede7f6;color:#4a148c}
tr.pct td,tr.pct th{background:#f1f3f6}
.status{font-size:11px;padding:1px 6px;border-radius:8px;font-weight:600;white-space:nowrap}
.status.partial{background:#fff3cd;color:#7a5b00}.status.failed{background:#fde2e1;color:#8a1c1c}.status.ok{background:#e6f4ea;color:#1b5e20}
.legend{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0 4px}
.legend .cell{display:inline-block;padding:3px 10px;border:1px solid var(--line)}
.legend .note{color:var(--grey)}
table.rates td.rate{min-width:130px}
.bar{height:6px;background:#eceff3;border-radius:3px;margin-bottom:3px}
.bar span{display:block;height:6px;background:#b3141c;border-radius:3px}
td.rate.panel{background:#fafbfc}
td.median,td.num{text-align:center}
caption{caption-side:top;text-align:left;font-weight:600;padding:6px 0;font-size:15px}
table.compare th[scope=row]{max-width:260px}
.yes{color:#1b7f2a;font-weight:700}.no{color:#b3141c;font-weight:700}.unknown{color:var(--grey)}
.actor-evidence{border-top:1px solid var(--line);margin-top:14px}
details.evidence{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px 12px;background:#fcfcfd}
details.evidence summary{cursor:pointer;font-size:15px;padding:2px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:8px;font-size:12px;margin-left:6px}
.badge.cookies{outline:none;border:1px dashed var(--cook-b)}
dl{display:grid;grid-template-columns:80px 1fr;gap:2px 10px;margin:8px 0}
dt{color:var(--grey)}dd{margin:0;word-break:break-all}
dd.path{word-break:normal;font-weight:600}
table.signals{width:100%;font-size:13px}
table.signals td{vertical-align:top}
td.snippet code{white-space:pre-wrap;word-break:break-word}
code{font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace;font-size:12px;background:#f3f4f6;padding:0 3px;border-radius:3px}
a.url{word-break:break-all;color:#0b57d0}
figure{margin:10px 0}
figure img{max-width:100%;max-height:420px;border:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.15)}
figcaption{font-size:12px;color:var(--grey)}
.top{text-align:right;font-size:12px}.top a{color:var(--grey)}
.tools button{margin-right:8px}
footer{color:var(--grey);font-size:12px;padding:0 32px 24px}
@media print{nav,.tools,.top{display:none}header{background:#fff;color:#b3141c;border-bottom:3px solid #b3141c}.pill{border:1px solid #ccc}
.cell.open,.cell.customers,.cell.cookies{-webkit-print-color-adjust:exact;print-color-adjust:exact}details.evidence{break-inside:avoid}}
`;

const SCRIPT = `
document.querySelectorAll('.tools').forEach(function(t){t.hidden=false});
function ctToggle(open){document.querySelectorAll('details.evidence').forEach(function(d){d.open=open})}
`;

export function matrixToHtml(m: MatrixJson, opts: HtmlReportOptions = {}): string {
  const shots = opts.screenshots ?? {};
  const title = opts.title ?? `Contactabilité des canaux de contact — édition ${m.run.edition}`;
  const n = statusCounts(m.actors);
  const sectors = groupBySector(m.actors);

  const synthesis = sectors
    .map(
      (s) =>
        `<h3 id="sector-${e(s.sector.replace(/\s+/g, '-'))}">Secteur ${e(s.sector)} <small>(${s.actors.length} acteur${s.actors.length > 1 ? 's' : ''})</small></h3>\n` +
        synthesisTable(m, s.sector, s.actors),
    )
    .join('\n');

  const comparisons = COMPARISONS.filter((c) => c.channels.some((k) => channelKeys(m).includes(k)))
    .map(
      (cmp) =>
        `<section class="comparison" id="${cmp.id}"><h3>${e(cmp.title)}</h3>\n` +
        '<div class="cmp-grid">' +
        sectors.map((s) => comparisonTable(cmp, s.sector, s.actors)).join('\n') +
        '</div></section>',
    )
    .join('\n');

  const legend =
    '<div class="legend">' +
    '<span class="cell open"><b>✓ tous</b> ouvert à tous</span>' +
    '<span class="cell customers"><b>✓ clients</b> réservé aux clients connectés</span>' +
    '<span class="cell cookies"><b>✓ cookies</b> visible seulement après acceptation des cookies</span>' +
    '<span class="cell absent">— non trouvé</span>' +
    '<span class="note">« n clics » : nombre minimal de clics depuis la page d’accueil (0 = sur l’accueil). Chaque case renvoie à ses preuves.</span>' +
    '</div>';

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="contactability">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<p class="meta">Édition <b>${e(m.run.edition)}</b> · run <code>${e(m.run.id)}</code> · début ${e(dateFr(m.run.startedAt))} · fin ${e(m.run.finishedAt ? dateFr(m.run.finishedAt) : 'en cours')}</p>
<p class="meta counts">${m.actors.length} acteurs : <span class="pill ok">${n.ok} analysés</span><span class="pill partial">${n.partial} partiel${n.partial > 1 ? 's' : ''}</span><span class="pill failed">${n.failed} en échec</span></p>
</header>
<nav><a href="#synthese">Synthèse</a><a href="#taux">Taux de présence</a><a href="#comparatifs">Comparatifs par canal</a><a href="#acteurs">Acteurs &amp; cookies</a><a href="#preuves">Preuves</a></nav>
<main>
<section id="synthese"><h2>1. Synthèse des canaux de contact</h2>
${legend}
${synthesis}
</section>
<section id="taux"><h2>2. Taux de présence par canal</h2>
<p>Part des acteurs analysés (hors échecs) chez qui le canal a été trouvé, par secteur et sur l’ensemble du panel.</p>
${ratesTable(m)}
</section>
<section id="comparatifs"><h2>3. Comparatifs par canal</h2>
<p>✓ oui · ✗ non · ? non déterminé · — canal absent · n/a site non analysé.</p>
${comparisons}
</section>
<section id="acteurs"><h2>4. Acteurs &amp; bandeau cookies</h2>
${actorsTable(m, opts.archives ?? {})}
</section>
<section id="preuves"><h2>5. Preuves</h2>
<p>Pour chaque canal trouvé : le chemin de clics depuis l’accueil, la page, ce qui a été vu et, quand elle existe, la capture d’écran.</p>
<p class="tools" hidden><button type="button" onclick="ctToggle(true)">Tout déplier</button><button type="button" onclick="ctToggle(false)">Tout replier</button></p>
${evidenceSection(m, shots, opts.archives ?? {})}
</section>
</main>
<footer>Généré par contactability · run ${e(m.run.id)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
