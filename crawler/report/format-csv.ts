/**
 * `matrix --format csv`: one row per actor (RFC 4180: CRLF line ends, fields with a comma, quote
 * or line break quoted, quotes doubled). The same columns feed the "Matrice" sheet of the xlsx.
 */
import type { MatrixActor, MatrixJson } from '../types.ts';
import { blockedCell, channelKeys, channelOf, gatingOf, numAttr, phoneNumbers, strAttr, strListAttr } from './common.ts';

export type Cell = string | number | null;

/** Flattened attributes appended after the per-channel columns: [column, value of an actor]. */
const FLAT: [string, (a: MatrixActor) => Cell][] = [
  ['phone_numbers', (a) => joinOrNull(phoneNumbers(channelOf(a, 'phone')).map((n) => n.number))],
  ['phone_hours', (a) => strAttr(channelOf(a, 'phone'), 'hours') ?? null],
  ['chatbot_vendor', (a) => strAttr(channelOf(a, 'chatbot'), 'vendor') ?? null],
  ['livechat_vendor', (a) => strAttr(channelOf(a, 'livechat'), 'vendor') ?? null],
  ['form_fields', (a) => numAttr(channelOf(a, 'form'), 'fields') ?? null],
  ['faq_questionCount', (a) => numAttr(channelOf(a, 'faq'), 'questionCount') ?? null],
  ['social_networks', (a) => joinOrNull(strListAttr(channelOf(a, 'social'), 'networks'))],
  ['messaging_apps', (a) => joinOrNull(strListAttr(channelOf(a, 'messaging'), 'apps'))],
  ['mobile_app_stores', (a) => joinOrNull(strListAttr(channelOf(a, 'mobile_app'), 'stores'))],
  ['email_addresses', (a) => joinOrNull(strListAttr(channelOf(a, 'email'), 'addresses'))],
];

function joinOrNull(xs: string[]): string | null {
  return xs.length ? xs.join(' | ') : null;
}

const b01 = (v: boolean | undefined): number => (v ? 1 : 0);

/** Header and rows of the flat matrix (values typed, so the xlsx keeps numbers as numbers). */
export function matrixTable(m: MatrixJson): { header: string[]; rows: Cell[][] } {
  const keys = channelKeys(m);
  const header = [
    'id',
    'name',
    'sector',
    'segment',
    'status',
    'error',
    'pagesVisited',
    'consent_cmp',
    'consent_banner',
    'consent_rejectButton',
  ];
  for (const k of keys) header.push(k, `${k}_clicks`, `${k}_gating`);
  for (const [col] of FLAT) header.push(col);
  header.push('blockedBy'); // CONTRACT §7, appended so existing column positions hold

  const rows = m.actors.map((a) => {
    const row: Cell[] = [
      a.id,
      a.name,
      a.sector,
      a.segment ?? null,
      a.status,
      a.error ?? null,
      a.pagesVisited ?? null,
      a.consent?.cmp ?? null,
      b01(a.consent?.banner),
      b01(a.consent?.rejectButton),
    ];
    for (const k of keys) {
      const c = channelOf(a, k);
      row.push(blockedCell(a, c) ?? (c.present ? 1 : 0), c.present && typeof c.clicks === 'number' ? c.clicks : null, gatingOf(c));
    }
    for (const [, get] of FLAT) row.push(get(a));
    row.push(a.blockedBy ?? null);
    return row;
  });
  return { header, rows };
}

export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function matrixToCsv(m: MatrixJson): string {
  const { header, rows } = matrixTable(m);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
