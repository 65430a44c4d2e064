/**
 * Section 5 of the HTML report: the evidence behind every present cell, per actor: click path,
 * page, archive, the signals and snippets seen, and screenshots.
 */
import type { ChannelKey, ChannelResult, Evidence, MatrixActor, MatrixJson } from '../types.ts';
import { CHANNEL_LABELS_FR, channelKeys, channelOf, clickPath, isScanned } from './common.ts';
import { anchorId, archiveLinks, clicksFr, escapeHtml as e, gatingClass, gatingWords, link, safeImgSrc, type ArchiveLink } from './html-cells.ts';

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

export function evidenceSection(m: MatrixJson, shots: Record<string, string>, archives: Record<string, ArchiveLink[]> = {}): string {
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
