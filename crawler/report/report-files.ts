/**
 * `report --out DIR`: the HTML report with the screenshots taken during the scan, written next to
 * it (shots/), plus the matrix as JSON and CSV for whoever wants the raw numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMatrix, type MatrixRef } from './matrix.ts';
import { matrixToCsv, matrixToHtml } from './index.ts';
import type { Store } from '../store/store.ts';

export function writeReport(store: Store, ref: MatrixRef, outDir: string): string {
  const m = buildMatrix(store, ref);
  mkdirSync(join(outDir, 'shots'), { recursive: true });
  const screenshots: Record<string, string> = {};
  let n = 0;
  for (const a of m.actors) {
    if (!a.runId) continue;
    for (const [url, jpeg] of store.screenshotsByUrl(a.runId, a.id)) {
      const name = `shots/${a.id}-${++n}.jpg`;
      writeFileSync(join(outDir, name), jpeg);
      screenshots[url] = name;
    }
  }
  const file = join(outDir, 'index.html');
  writeFileSync(file, matrixToHtml(m, { screenshots }));
  writeFileSync(join(outDir, 'matrix.json'), `${JSON.stringify(m, null, 2)}\n`);
  writeFileSync(join(outDir, 'matrix.csv'), matrixToCsv(m));
  return file;
}
