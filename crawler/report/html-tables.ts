/**
 * Sections 1, 2 and 4 of the HTML report: the synthesis matrix of a sector (a presence badge per
 * actor and channel, the sector's rates below), presence rates per sector and panel, and the actors
 * table (analysis status, consent banner, archives).
 */
import type { ChannelKey, MatrixActor, MatrixJson } from '../types.ts';
import { CHANNEL_LABELS_FR, channelKeys, channelStats, groupBySector } from './common.ts';
import { archiveLinks, escapeHtml as e, pct, presenceCell, yesNo, type ArchiveLink } from './html-cells.ts';

export function synthesisTable(m: MatrixJson, sector: string, actors: MatrixActor[]): string {
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

export function ratesTable(m: MatrixJson): string {
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

export function actorsTable(m: MatrixJson, archives: Record<string, ArchiveLink[]> = {}): string {
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
