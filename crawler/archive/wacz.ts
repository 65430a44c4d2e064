/**
 * Packages one consent pass of one actor as a WACZ 1.1.1 file (Webrecorder's "Web Archive
 * Collection Zipped", which ReplayWeb.page, pywb and py-wacz open): a ZIP (yazl) holding
 *   archive/data.warc.gz   the WARC records, gzipped record by record, STORED (not deflated again)
 *                          so a reader can seek to a record with an HTTP range request;
 *   indexes/index.cdx      CDXJ lines of the response and revisit records, sorted;
 *   pages/pages.jsonl      the pages the journey visited in this pass;
 *   datapackage.json       every file above with its size and sha256;
 *   datapackage-digest.json the sha256 of datapackage.json.
 * The file is written to a temporary name in the same folder and renamed, so a crash never leaves
 * a half-written archive under its final name. Deliberately ignored: the optional full-text index
 * and signing.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, renameSync } from 'node:fs';
import yazl from 'yazl';
import { cdxjLine, type SerializedRecord } from './warc.ts';

export const WACZ_VERSION = '1.1.1';
export const WARC_NAME = 'data.warc.gz';

export interface WaczPage {
  url: string;
  ts: string;
  title?: string;
}

export interface WaczInput {
  warcinfo: Uint8Array;
  records: SerializedRecord[];
  pages: WaczPage[];
  title: string;
  software: string;
  created: string;
}

function sha256hex(buf: Uint8Array): string {
  return `sha256:${createHash('sha256').update(buf).digest('hex')}`;
}

/** The parts of the WACZ, in memory (each pass of an actor is bounded by the archive cap). */
export function waczParts(input: WaczInput): { path: string; data: Buffer; stored: boolean }[] {
  const chunks: Uint8Array[] = [input.warcinfo];
  const cdx: string[] = [];
  let offset = input.warcinfo.length;
  for (const r of input.records) {
    if (r.type !== 'request') cdx.push(cdxjLine(r, offset, WARC_NAME));
    chunks.push(r.bytes);
    offset += r.bytes.length;
  }
  const warc = Buffer.concat(chunks);
  cdx.sort();
  const pages = [JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' })];
  input.pages.forEach((p, i) => pages.push(JSON.stringify({ id: `page-${i + 1}`, url: p.url, ts: p.ts, ...(p.title ? { title: p.title } : {}) })));
  const files = [
    { path: `archive/${WARC_NAME}`, data: warc, stored: true },
    { path: 'indexes/index.cdx', data: Buffer.from(cdx.length ? `${cdx.join('\n')}\n` : ''), stored: false },
    { path: 'pages/pages.jsonl', data: Buffer.from(`${pages.join('\n')}\n`), stored: false },
  ];
  const datapackage = {
    profile: 'data-package',
    wacz_version: WACZ_VERSION,
    title: input.title,
    software: input.software,
    created: input.created,
    resources: files.map((f) => ({ name: f.path.split('/').pop(), path: f.path, hash: sha256hex(f.data), bytes: f.data.length })),
  };
  const dp = Buffer.from(`${JSON.stringify(datapackage, null, 2)}\n`);
  const digest = Buffer.from(`${JSON.stringify({ path: 'datapackage.json', hash: sha256hex(dp) }, null, 2)}\n`);
  return [...files, { path: 'datapackage.json', data: dp, stored: false }, { path: 'datapackage-digest.json', data: digest, stored: false }];
}

/** Writes the WACZ at `file` (atomically); resolves with its size in bytes. */
export function writeWacz(file: string, input: WaczInput): Promise<number> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(input.created);
  for (const part of waczParts(input)) zip.addBuffer(part.data, part.path, { compress: !part.stored, mtime });
  zip.end();
  const tmp = `${file}.partial`;
  return new Promise((resolve, reject) => {
    let size = 0;
    const out = createWriteStream(tmp);
    zip.outputStream.on('data', (c: Buffer) => (size += c.length));
    zip.outputStream.on('error', reject);
    out.on('error', reject);
    out.on('close', () => {
      try {
        renameSync(tmp, file);
        resolve(size);
      } catch (err) {
        reject(err);
      }
    });
    zip.outputStream.pipe(out);
  });
}
