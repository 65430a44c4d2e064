/**
 * The commands over an existing database: `matrix` (json, csv, md, html, xlsx), `diff`, `runs`,
 * `report` and `redetect`, with their shared helpers (open the database or say it is missing,
 * write to a file or stdout). Report formats and redetect are imported only when a command runs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { diffMatrices } from '../report/diff.ts';
import { buildMatrix, matrixOfRef } from '../report/matrix.ts';
import { BadInputError } from '../run/panel.ts';
import { Store } from '../store/store.ts';
import { progress } from './progress.ts';

function openExisting(db: string): Store {
  if (!existsSync(db)) throw new BadInputError(`${db}: database not found (run a scan first)`);
  return new Store(db);
}

function output(out: string | undefined, data: string | Buffer): void {
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, data);
  } else {
    process.stdout.write(data);
    if (typeof data === 'string' && !data.endsWith('\n')) process.stdout.write('\n');
  }
}

export async function matrixAction(o: Record<string, any>): Promise<void> {
  if (o.run && o.edition) throw new BadInputError('matrix: give --run or --edition, not both');
  const store = openExisting(o.db);
  try {
    const m = buildMatrix(store, { run: o.run, edition: o.edition });
    const { matrixToCsv, matrixToHtml, matrixToMarkdown, matrixToXlsx } = await import('../report/index.ts');
    switch (o.format) {
      case 'json':
        return output(o.out, `${JSON.stringify(m, null, 2)}\n`);
      case 'csv':
        return output(o.out, matrixToCsv(m));
      case 'md':
        return output(o.out, matrixToMarkdown(m));
      case 'html':
        return output(o.out, matrixToHtml(m));
      case 'xlsx':
        if (!o.out) throw new BadInputError('matrix --format xlsx: --out FILE is required');
        return output(o.out, await matrixToXlsx(m));
      default:
        throw new BadInputError(`matrix: --format ${o.format}: must be json, csv, md, html or xlsx`);
    }
  } finally {
    store.close();
  }
}

export async function diffAction(o: Record<string, any>): Promise<void> {
  const { diffToMarkdown } = await import('../report/index.ts');
  if (o.format !== 'json' && o.format !== 'md') throw new BadInputError(`diff: --format ${o.format}: must be json or md`);
  const store = openExisting(o.db);
  try {
    const from = matrixOfRef(store, o.from, '--from');
    const to = matrixOfRef(store, o.to, '--to');
    const d = diffMatrices(from, to);
    if (o.format === 'json') output(undefined, `${JSON.stringify(d, null, 2)}\n`);
    else {
      const names = Object.fromEntries([...from.actors, ...to.actors].map((a) => [a.id, a.name]));
      output(undefined, diffToMarkdown(d, names));
    }
  } finally {
    store.close();
  }
}

export function runsAction(o: Record<string, any>): void {
  const store = openExisting(o.db);
  try {
    const rows = store.listRuns();
    const lines = ['id\tedition\tkind\tstarted\tfinished\tok\tpartial\tfailed\tarchive'];
    for (const r of rows) lines.push([r.id, r.edition, r.kind, r.started_at, r.finished_at ?? '-', r.ok, r.partial, r.failed, r.archive_dir ?? '-'].join('\t'));
    output(undefined, `${lines.join('\n')}\n`);
  } finally {
    store.close();
  }
}

export async function reportAction(o: Record<string, any>): Promise<void> {
  const { writeReport } = await import('../report/report-files.ts');
  const store = openExisting(o.db);
  try {
    const file = writeReport(store, { run: o.run, edition: o.edition }, o.out);
    process.stdout.write(`${file}\n`);
  } finally {
    store.close();
  }
}

export async function redetectAction(o: Record<string, any>): Promise<void> {
  const { redetect } = await import('../run/redetect.ts');
  const store = openExisting(o.db);
  try {
    process.stdout.write(`${redetect(store, o.run, { progress })}\n`);
  } finally {
    store.close();
  }
}
