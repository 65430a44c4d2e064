import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { matrixToXlsx } from '../../crawler/report/format-xlsx.ts';
import { CHANNEL_LABELS_FR } from '../../crawler/report/common.ts';
import { CHANNELS } from '../../crawler/types.ts';
import { SAMPLE_MATRIX } from './sample-matrix.ts';

let wb: ExcelJS.Workbook;

/** Row values without exceljs's leading empty slot; rich values reduced to their text. */
function values(ws: ExcelJS.Worksheet, row: number): unknown[] {
  const v = ws.getRow(row).values as unknown[];
  return v.slice(1);
}

function column(ws: ExcelJS.Worksheet, header: string): unknown[] {
  const h = values(ws, 1);
  const i = h.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  const out: unknown[] = [];
  for (let r = 2; r <= ws.rowCount; r++) out.push(ws.getRow(r).getCell(i + 1).value);
  return out;
}

beforeAll(async () => {
  const buf = await matrixToXlsx(SAMPLE_MATRIX);
  expect(Buffer.isBuffer(buf)).toBe(true);
  writeFileSync('/tmp/report.xlsx', buf);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
});

describe('matrixToXlsx read back with exceljs', () => {
  it('has the matrix, one sheet per channel, the rates and the evidence', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Matrice',
      ...CHANNELS.map((k) => CHANNEL_LABELS_FR[k]),
      'Taux de présence',
      'Preuves',
    ]);
  });

  it('Matrice: CSV columns, header bold and frozen, numbers equal the JSON', () => {
    const ws = wb.getWorksheet('Matrice')!;
    const header = values(ws, 1);
    expect(header.slice(0, 4)).toEqual(['id', 'name', 'sector', 'segment']);
    expect(header).toContain('mobile_app_gating');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(1 + SAMPLE_MATRIX.actors.length);
    expect(column(ws, 'id')).toEqual(SAMPLE_MATRIX.actors.map((a) => a.id));

    for (const k of CHANNELS) {
      const presence = column(ws, k);
      // numbers, not text
      for (const v of presence) expect(typeof v).toBe('number');
      const sum = (presence as number[]).reduce((s, x) => s + x, 0);
      expect(sum, k).toBe(SAMPLE_MATRIX.actors.filter((a) => a.channels[k].present).length);
      expect(column(ws, `${k}_clicks`), k).toEqual(
        SAMPLE_MATRIX.actors.map((a) => (a.channels[k].present ? (a.channels[k].clicks ?? null) : null)),
      );
    }
    expect(column(ws, 'pagesVisited')).toEqual(SAMPLE_MATRIX.actors.map((a) => a.pagesVisited));
    expect(column(ws, 'chatbot_gating')).toEqual(['cookies', 'cookies', null, 'open', 'open', null]);
  });

  it('Téléphone: the phone attributes per actor', () => {
    const ws = wb.getWorksheet('Téléphone')!;
    expect(values(ws, 1)).toEqual([
      'id', 'acteur', 'secteur', 'statut', 'présent', 'accès', 'clics', 'page', 'chemin',
      'numéros', 'types', 'horaires', 'rappel', 'rendez-vous', 'sourds et malentendants',
    ]);
    expect(values(ws, 2)).toEqual([
      'banque-horizon', 'Banque Horizon', 'banque', 'ok', 1, 'ouvert à tous', 1, 'https://www.banque-horizon.fr/contact',
      'Accueil → Nous contacter', '+33142000000 | +33800123456', 'géographique | gratuit', 'Mo-Fr 08:00-20:00; Sa 09:00-17:30',
      'oui', 'oui', 'oui',
    ]);
    // the failed actor: not measured, so presence left empty
    expect(ws.getRow(7).getCell(1).value).toBe('bus-metropole');
    expect(ws.getRow(7).getCell(5).value).toBe(null);
  });

  it('FAQ and forms keep counts as numbers', () => {
    const faq = wb.getWorksheet('FAQ')!;
    expect(column(faq, 'questions (estimation)')).toEqual([240, 85, 40, 150, 320, null]);
    const form = wb.getWorksheet('Formulaire')!;
    expect(column(form, 'champs')).toEqual([null, 6, 9, 12, null, null]);
    expect(column(form, 'accès')).toEqual([null, 'ouvert à tous', 'ouvert à tous', 'ouvert à tous', null, null]);
  });

  it('Taux de présence: panel counts equal the JSON', () => {
    const ws = wb.getWorksheet('Taux de présence')!;
    const present = column(ws, 'présents (panel)');
    expect(present).toEqual(
      CHANNELS.map((k) => SAMPLE_MATRIX.actors.filter((a) => a.status !== 'failed' && a.channels[k].present).length),
    );
    expect(column(ws, 'analysés (panel)')).toEqual(CHANNELS.map(() => 5));
    expect(column(ws, 'panel')[CHANNELS.indexOf('forum')]).toBeCloseTo(0.4);
  });

  it('Preuves: one row per piece of evidence, text kept verbatim', () => {
    const ws = wb.getWorksheet('Preuves')!;
    expect(values(ws, 1)).toEqual(['actor', 'name', 'channel', 'url', 'signal', 'detail', 'source']);
    const all = SAMPLE_MATRIX.actors.flatMap((a) =>
      CHANNELS.flatMap((k) => (a.channels[k].present ? (a.channels[k].evidence ?? []) : []).map((e) => [a.id, a.name, k, e.url, e.signal, e.detail, e.source])),
    );
    expect(ws.rowCount).toBe(1 + all.length);
    for (let i = 0; i < all.length; i++) expect(values(ws, i + 2)).toEqual(all[i]);
  });
});
