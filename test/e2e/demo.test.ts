/**
 * The README's first quick-start command in spirit: the real CLI scans the bundled demo corpus
 * in a real browser; the matrix must match the corpus's ground truth (fixtures/demo/expected.json).
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../../crawler/journey/browser.ts';
import { evaluateMatrix, formatEvaluation } from '../../crawler/report/evaluate.ts';
import { CHANNELS } from '../../crawler/types.ts';
import { cli, cliAsync, expected, FIXTURES, lastLine, matrixOf, tempDb } from './helpers.ts';

describe('demo corpus, end to end', { timeout: 600_000 }, () => {
  const db = tempDb('demo');
  it('scans every actor, prints the run id last, and the matrix matches the ground truth', async () => {
    const r = await cliAsync(['scan', '--panel', `${FIXTURES}demo/panel.yaml`, '--fixtures', `${FIXTURES}demo/sites`, '--db', db, '--concurrency', '2', '--actor-timeout', '400']);
    expect(r.code).toBe(0);
    const runId = lastLine(r.stdout);
    expect(runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(r.stderr).toContain(`run ${runId} finished`);

    const m = await matrixOf(db);
    expect(m.run.id).toBe(runId);
    expect(m.run.edition).toBe('2025');
    expect(m.channels).toEqual([...CHANNELS]);
    expect(m.actors.map((a) => a.id)).toEqual(['banque-horizon', 'ondine-banque', 'cnsl', 'andv', 'vervane', 'altais', 'mobilis', 'trajeo', 'clairval', 'linea']);
    for (const a of m.actors) {
      expect(Object.keys(a.channels)).toEqual([...CHANNELS]);
      for (const [k, c] of Object.entries(a.channels)) {
        if (!c.present) continue;
        // evidence or it didn't happen
        expect(c.evidence?.length, `${a.id}.${k} evidence`).toBeGreaterThan(0);
        expect(typeof c.clicks).toBe('number');
        expect(c.url).toMatch(/^https?:\/\//);
      }
    }
    const ev = evaluateMatrix(m, expected('demo') as never);
    console.log(formatEvaluation(ev));
    expect(ev.presence.correct).toBe(ev.presence.total);
    expect(ev.mismatches).toEqual([]);
  });

  it('writes a report that renders in Chromium with every actor, every channel and its screenshots', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ct-report-'));
    const r = await cli(['report', '--db', db, '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readdirSync(join(out, 'shots')).length).toBeGreaterThan(10);
    const m = await matrixOf(db);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(out, 'index.html')}`);
      const text = await page.locator('body').innerText();
      for (const a of m.actors) expect(text).toContain(a.name);
      const images = await page.$$eval('img', (imgs) => imgs.map((i) => ({ src: i.getAttribute('src'), ok: (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0 })));
      expect(images.length).toBeGreaterThan(10);
      expect(images.filter((i) => !i.ok)).toEqual([]);
      await page.screenshot({ path: join(out, 'report.png') });
    } finally {
      await browser.close();
    }
  });

  it('exports the same numbers as csv, md and xlsx', async () => {
    const m = await matrixOf(db);
    const csv = await cli(['matrix', '--db', db, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split(/\r?\n/).length).toBe(m.actors.length + 1);
    const md = await cli(['matrix', '--db', db, '--format', 'md']);
    expect(md.code).toBe(0);
    for (const a of m.actors) expect(md.stdout).toContain(a.name);
    const file = join(mkdtempSync(join(tmpdir(), 'ct-xlsx-')), 'matrix.xlsx');
    expect((await cli(['matrix', '--db', db, '--format', 'xlsx', '--out', file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Matrice')!;
    expect(sheet.rowCount).toBe(m.actors.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const phoneCol = header.indexOf('phone') + 1;
    const present = m.actors.filter((a) => a.channels.phone.present).length;
    let counted = 0;
    for (let i = 2; i <= sheet.rowCount; i++) counted += Number(sheet.getRow(i).getCell(phoneCol).value) === 1 ? 1 : 0;
    expect(counted).toBe(present);
  });
});
