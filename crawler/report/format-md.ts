/**
 * `matrix --format md`: the matrix as padded Markdown tables, one per sector, readable both
 * rendered and printed raw to a terminal (this is what the README's quick start shows).
 * Cells: `yes (1)` open to all, 1 click from the home page; `login (2)` reserved to signed-in
 * customers; `cookies (0)` found only once cookies were accepted; `–` not found; `n/a` not scanned.
 */
import type { ChannelResult, MatrixActor, MatrixJson } from '../types.ts';
import { blockedCell, channelKeys, channelOf, channelStats, dateFr, groupBySector, isScanned, statusCounts } from './common.ts';

/** One matrix cell as plain text. */
export function mdCell(a: MatrixActor, c: ChannelResult): string {
  const blocked = blockedCell(a, c);
  if (blocked) return blocked;
  if (!isScanned(a)) return 'n/a';
  if (!c.present) return '–';
  const word = c.loginGated && c.consentGated ? 'login+cookies' : c.loginGated ? 'login' : c.consentGated ? 'cookies' : 'yes';
  return `${word} (${typeof c.clicks === 'number' ? c.clicks : '?'})`;
}

function clean(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}

/** A Markdown table whose columns are padded to the same width (left-aligned). */
export function paddedTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length), 3));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function pct(s: { percent: number | null; present: number; scanned: number }): string {
  return s.percent === null ? 'n/a' : `${s.percent}% (${s.present}/${s.scanned})`;
}

export function matrixToMarkdown(m: MatrixJson): string {
  const keys = channelKeys(m);
  const n = statusCounts(m.actors);
  const out: string[] = [];
  out.push(`# Contactability matrix — edition ${m.run.edition}`);
  out.push('');
  out.push(
    `Run ${m.run.id} · started ${dateFr(m.run.startedAt)} · finished ${m.run.finishedAt ? dateFr(m.run.finishedAt) : 'not finished'}`,
  );
  out.push(`${m.actors.length} actors: ${n.ok} ok, ${n.partial} partial, ${n.failed} failed`);

  const notes: string[] = [];
  for (const { sector, actors } of groupBySector(m.actors)) {
    out.push('');
    out.push(`## ${clean(sector)} (${actors.length} actor${actors.length > 1 ? 's' : ''})`);
    out.push('');
    const rows = actors.map((a) => {
      if (a.status !== 'ok') notes.push(`- ${clean(a.name)} (${a.status}): ${clean(a.error ?? 'no message')}`);
      return [clean(a.name), a.status, ...keys.map((k) => mdCell(a, channelOf(a, k)))];
    });
    rows.push([`% ${clean(sector)}`, '', ...keys.map((k) => pct(channelStats(actors, k)))]);
    out.push(paddedTable(['actor', 'status', ...keys], rows));
  }

  out.push('');
  out.push('## Panel');
  out.push('');
  const stats = keys.map((k) => channelStats(m.actors, k));
  out.push(
    paddedTable(
      ['channel', 'present', 'open', 'login', 'cookies', 'median clicks'],
      keys.map((k, i) => {
        const s = stats[i];
        return [k, pct(s), String(s.open), String(s.customers), String(s.cookies), s.medianClicks === null ? '–' : String(s.medianClicks)];
      }),
    ),
  );

  out.push('');
  out.push(
    'Legend: yes (n) = open to all, n clicks from the home page (0 = on it); login (n) = reserved to signed-in customers; ' +
      'cookies (n) = found only once cookies are accepted; – = not found; blocked (service) = a bot wall stopped the scan before this channel was seen; n/a = site not scanned. ' +
      'Percentages are of the actors scanned (failed ones excluded).',
  );
  if (notes.length) {
    out.push('');
    out.push('Notes:');
    out.push(...notes);
  }
  return out.join('\n') + '\n';
}
