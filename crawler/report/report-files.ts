/**
 * `report --out DIR`: the HTML report with the screenshots taken during the scan, written next to
 * it (shots/), plus the matrix as JSON and CSV for whoever wants the raw numbers. When the run was
 * recorded with `scan --archive` (or is a redetect of one), each actor and each channel's evidence
 * links to its web archive files, by a path relative to the report (archives are not copied).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { actorArchiveDir, passArchiveFile } from '../archive/paths.ts';
import type { ArchiveLink } from './format-html.ts';
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
  const archives: Record<string, ArchiveLink[]> = {};
  for (const a of m.actors) {
    const dir = a.runId ? store.archiveDirOf(a.runId) : null;
    if (!dir) continue;
    try {
      const actorDir = actorArchiveDir(resolve(dir, '..'), dir.split(/[\\/]/).pop()!, a.id);
      for (const pass of ['refuse', 'accept'] as const) {
        const f = passArchiveFile(actorDir, pass);
        if (existsSync(f)) (archives[a.id] ??= []).push({ pass, href: relative(resolve(outDir), f).split(sep).join('/') });
      }
    } catch {
      /* an archive folder that is not ours: no link */
    }
  }
  const file = join(outDir, 'index.html');
  writeFileSync(file, matrixToHtml(m, { screenshots, archives }));
  writeFileSync(join(outDir, 'matrix.json'), `${JSON.stringify(m, null, 2)}\n`);
  writeFileSync(join(outDir, 'matrix.csv'), matrixToCsv(m));
  return file;
}
