/**
 * `matrix --format xlsx`: the workbook analysts paste into their slides.
 * - "Matrice": the CSV's columns, numbers kept as numbers, header bold and frozen, filters on;
 * - one sheet per channel (French name) with that channel's attributes per actor;
 * - "Taux de présence": presence per channel, per sector and for the panel;
 * - "Preuves": every piece of evidence (actor, channel, url, signal, detail, source).
 */
import ExcelJS from 'exceljs';
import type { ChannelKey, ChannelResult, MatrixActor, MatrixJson } from '../types.ts';
import {
  CHANNEL_LABELS_FR,
  PHONE_KIND_FR,
  channelKeys,
  channelOf,
  channelStats,
  clickPath,
  gatingOf,
  groupBySector,
  isScanned,
  phoneNumbers,
  blockedCell,
} from './common.ts';
import { matrixTable, type Cell } from './format-csv.ts';

const GATING_FR = { open: 'ouvert à tous', customers: 'clients connectés', cookies: 'après cookies' } as const;

/** Channel-specific columns: [header, how to render the cell]. */
type Col = [string, (c: ChannelResult) => Cell];

const yn = (v: unknown): Cell => (v === true ? 'oui' : v === false ? 'non' : null);
const num = (v: unknown): Cell => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): Cell => (typeof v === 'string' ? v : null);
const lst = (v: unknown): Cell => (Array.isArray(v) && v.length ? v.map(String).join(', ') : null);

const CHANNEL_COLUMNS: Partial<Record<ChannelKey, Col[]>> = {
  faq: [
    ['rubriques', (c) => yn(c.categories)],
    ['recherche', (c) => yn(c.search)],
    ['questions (estimation)', (c) => num(c.questionCount)],
    ['redirection vers contact', (c) => yn(c.linksToContact)],
    ['évaluation', (c) => yn(c.feedback)],
  ],
  chatbot: [['éditeur', (c) => str(c.vendor)]],
  livechat: [['éditeur', (c) => str(c.vendor)]],
  phone: [
    ['numéros', (c) => phoneNumbers(c).map((n) => n.number).join(' | ') || null],
    ['types', (c) => phoneNumbers(c).map((n) => PHONE_KIND_FR[n.kind] ?? n.kind).join(' | ') || null],
    ['horaires', (c) => str(c.hours)],
    ['rappel', (c) => yn(c.callback)],
    ['rendez-vous', (c) => yn(c.appointment)],
    ['sourds et malentendants', (c) => yn(c.accessible)],
  ],
  form: [
    ['champs', (c) => num(c.fields)],
    ['menu de sujets', (c) => yn(c.subjectMenu)],
    ['délai indiqué', (c) => yn(c.statedDelay)],
    ['pièce jointe', (c) => yn(c.upload)],
    ['captcha', (c) => yn(c.captcha)],
  ],
  email: [['adresses', (c) => lst(c.addresses)]],
  social: [['réseaux', (c) => lst(c.networks)]],
  messaging: [['applications', (c) => lst(c.apps)]],
  mobile_app: [['magasins', (c) => lst(c.stores)]],
};

const COMMON_FIELDS = new Set(['present', 'clicks', 'url', 'consentGated', 'loginGated', 'evidence', 'path']);
const KNOWN_ATTRS: Partial<Record<ChannelKey, string[]>> = {
  faq: ['categories', 'search', 'questionCount', 'linksToContact', 'feedback'],
  chatbot: ['vendor'],
  livechat: ['vendor'],
  phone: ['numbers', 'hours', 'callback', 'appointment', 'accessible'],
  form: ['fields', 'subjectMenu', 'statedDelay', 'upload', 'captcha'],
  email: ['addresses'],
  social: ['networks'],
  messaging: ['apps'],
  mobile_app: ['stores'],
};

/** Attributes found in the data that the sheet has no column for yet (future detectors). */
function extraAttributes(actors: MatrixActor[], key: ChannelKey): string[] {
  const known = new Set(KNOWN_ATTRS[key] ?? []);
  const out = new Set<string>();
  for (const a of actors) {
    const c = channelOf(a, key);
    for (const k of Object.keys(c)) if (!COMMON_FIELDS.has(k) && !known.has(k)) out.add(k);
  }
  return [...out].sort();
}

function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return JSON.stringify(v);
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ . */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
}

function styleSheet(ws: ExcelJS.Worksheet, header: string[], widths?: number[]): void {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F6' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  if (header.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = widths?.[i] ?? Math.min(40, Math.max(10, h.length + 2));
  });
}

export async function matrixToXlsx(m: MatrixJson): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'contactability';
  wb.created = m.run.finishedAt ? new Date(m.run.finishedAt) : new Date(m.run.startedAt);
  const keys = channelKeys(m);

  // Matrice
  const { header, rows } = matrixTable(m);
  const wsM = wb.addWorksheet('Matrice');
  wsM.addRow(header);
  for (const r of rows) wsM.addRow(r);
  styleSheet(wsM, header);
  wsM.getColumn(2).width = 28;

  // one sheet per channel
  for (const k of keys) {
    const cols = CHANNEL_COLUMNS[k] ?? [];
    const extras = extraAttributes(m.actors, k);
    const h = ['id', 'acteur', 'secteur', 'statut', 'présent', 'accès', 'clics', 'page', 'chemin', ...cols.map((c) => c[0]), ...extras];
    const ws = wb.addWorksheet(sheetName(CHANNEL_LABELS_FR[k] ?? k));
    ws.addRow(h);
    for (const a of m.actors) {
      const c = channelOf(a, k);
      const scanned = isScanned(a);
      const g = gatingOf(c);
      const base: Cell[] = [
        a.id,
        a.name,
        a.sector,
        a.status,
        blockedCell(a, c) ?? (scanned ? (c.present ? 1 : 0) : null),
        g ? GATING_FR[g] : null,
        c.present && typeof c.clicks === 'number' ? c.clicks : null,
        c.present ? (c.url ?? null) : null,
        c.present ? clickPath(c) : null,
      ];
      const attrs: Cell[] = c.present ? [...cols.map(([, f]) => f(c)), ...extras.map((x) => plain(c[x]))] : [];
      ws.addRow([...base, ...attrs]);
    }
    styleSheet(ws, h, h.map((x, i) => (i === 1 ? 28 : i === 7 ? 45 : i === 8 ? 35 : Math.max(10, x.length + 2))));
  }

  // presence rates
  const sectors = groupBySector(m.actors);
  const rh = ['canal', ...sectors.map((s) => s.sector), 'panel', 'présents (panel)', 'analysés (panel)', 'dont clients', 'dont cookies', 'clics médians'];
  const wsR = wb.addWorksheet('Taux de présence');
  wsR.addRow(rh);
  for (const k of keys) {
    const st = channelStats(m.actors, k);
    const r = wsR.addRow([
      CHANNEL_LABELS_FR[k] ?? k,
      ...sectors.map((s) => {
        const p = channelStats(s.actors, k).percent;
        return p === null ? null : p / 100;
      }),
      st.percent === null ? null : st.percent / 100,
      st.present,
      st.scanned,
      st.customers,
      st.cookies,
      st.medianClicks,
    ]);
    for (let i = 2; i <= sectors.length + 2; i++) r.getCell(i).numFmt = '0%';
  }
  styleSheet(wsR, rh, rh.map((x, i) => (i === 0 ? 24 : Math.max(12, x.length + 2))));

  // Preuves
  const eh = ['actor', 'name', 'channel', 'url', 'signal', 'detail', 'source'];
  const wsE = wb.addWorksheet('Preuves');
  wsE.addRow(eh);
  for (const a of m.actors) {
    for (const k of keys) {
      const c = channelOf(a, k);
      if (!c.present || !Array.isArray(c.evidence)) continue;
      for (const ev of c.evidence) wsE.addRow([a.id, a.name, k, ev.url, ev.signal, ev.detail, ev.source ?? null]);
    }
  }
  styleSheet(wsE, eh, [14, 24, 16, 50, 22, 70, 10]);
  wsE.getColumn(6).alignment = { wrapText: true, vertical: 'top' };

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
