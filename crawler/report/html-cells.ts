/**
 * Small pieces every section of the HTML report uses: HTML escaping, safe links and image sources,
 * evidence anchors, percentages and click counts, the presence badge of a channel (who may see it:
 * all, customers, after cookies), ✓ / ✗ / ?, and links to an actor's web archives.
 */
import type { ChannelKey, ChannelResult, MatrixActor } from '../types.ts';
import { blockedCell, channelOf, gatingOf, isScanned } from './common.ts';

export interface ArchiveLink {
  pass: 'refuse' | 'accept';
  href: string;
}

const PASS_FR = { refuse: 'cookies refusés', accept: 'cookies acceptés' } as const;

/** Links to an actor's archive files (relative paths only: no scheme can slip in). */
export function archiveLinks(files: ArchiveLink[] | undefined): string {
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
export function link(url: string | undefined, cls = ''): string {
  if (!url) return '—';
  const ok = /^https?:\/\//i.test(url);
  if (!ok) return `<span class="url">${e(url)}</span>`;
  return `<a class="url ${cls}" href="${e(url)}" rel="noopener noreferrer">${e(url)}</a>`;
}

/** Image sources we accept: data:image/…, or a relative path / http(s) URL (no script schemes). */
export function safeImgSrc(src: string): boolean {
  if (/^data:image\/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i.test(src)) return true;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return /^https?:/i.test(src);
  return true;
}

export function anchorId(actorId: string, key: string): string {
  return `ev-${actorId.replace(/[^A-Za-z0-9_-]/g, '_')}-${key}`;
}

export function pct(p: number | null): string {
  return p === null ? 'n/a' : `${p}${NBSP}%`;
}

export function clicksFr(n: number | undefined): string {
  if (typeof n !== 'number') return 'clics ?';
  return `${n}${NBSP}clic${n > 1 ? 's' : ''}`;
}

export function gatingClass(c: ChannelResult): string {
  const cls = ['cell', 'present'];
  if (c.loginGated) cls.push('customers');
  if (c.consentGated) cls.push('cookies');
  if (!c.loginGated && !c.consentGated) cls.push('open');
  return cls.join(' ');
}

export function gatingWords(c: ChannelResult): string {
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
export function presenceCell(a: MatrixActor, key: ChannelKey, tag: 'td' | 'span' = 'td'): string {
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

export function yesNo(v: boolean | undefined): string {
  if (v === true) return '<span class="yes">✓</span>';
  if (v === false) return '<span class="no">✗</span>';
  return '<span class="unknown" title="non déterminé">?</span>';
}
