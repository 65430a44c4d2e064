/**
 * An independent reader of what crawler/archive writes, for the tests: its own ZIP central
 * directory walk (no code shared with crawler/archive/zip-read.ts) and its own WARC/1.1 parser
 * (not warcio), strict about the format: version line, CRLF header lines, Content-Length exact,
 * the CRLFCRLF after each block.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, inflateRawSync } from 'node:zlib';

export interface ZipFileEntry {
  name: string;
  method: number;
  data: Buffer;
  /** offset of the entry's (possibly compressed) data in the ZIP */
  dataOffset: number;
}

export function readZip(file: string): Map<string, ZipFileEntry> {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipFileEntry>();
  for (let i = 0; i < n; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataOffset = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataOffset, dataOffset + csize);
    out.set(name, { name, method, dataOffset, data: method === 0 ? raw : inflateRawSync(raw) });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

export interface ParsedRecord {
  version: string;
  headers: Map<string, string>;
  block: Buffer;
  /** for request/response/revisit records */
  http: { firstLine: string; headers: [string, string][]; payload: Buffer } | null;
}

export function parseWarc(data: Buffer): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  let p = 0;
  while (p < data.length) {
    const headEnd = data.indexOf('\r\n\r\n', p);
    if (headEnd < 0) throw new Error(`truncated WARC header at ${p}`);
    const lines = data.toString('utf8', p, headEnd).split('\r\n');
    const version = lines[0];
    if (version !== 'WARC/1.1') throw new Error(`bad version line ${JSON.stringify(version)} at ${p}`);
    const headers = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      if (i <= 0) throw new Error(`bad WARC header line ${JSON.stringify(l)}`);
      headers.set(l.slice(0, i).toLowerCase(), l.slice(i + 1).trim());
    }
    const len = Number(headers.get('content-length'));
    if (!Number.isInteger(len)) throw new Error('missing Content-Length');
    const start = headEnd + 4;
    const block = data.subarray(start, start + len);
    if (block.length !== len) throw new Error('block shorter than Content-Length');
    if (data.toString('latin1', start + len, start + len + 4) !== '\r\n\r\n') throw new Error('record not followed by CRLFCRLF');
    p = start + len + 4;
    let http: ParsedRecord['http'] = null;
    const type = headers.get('warc-type');
    if (type === 'response' || type === 'request' || type === 'revisit') {
      const e = block.indexOf('\r\n\r\n');
      if (e >= 0) {
        const hl = block.toString('latin1', 0, e).split('\r\n');
        http = {
          firstLine: hl[0],
          headers: hl.slice(1).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]),
          payload: block.subarray(e + 4),
        };
      }
    }
    records.push({ version, headers, block, http });
  }
  return records;
}

/** `sha256:<hex>` or `sha1:<base32>` as a WARC digest header writes it, recomputed over buf. */
export function digestOf(label: string, buf: Buffer): string {
  const [algo, value] = label.split(':');
  if (algo === 'sha256') return `sha256:${createHash('sha256').update(buf).digest(/^[0-9a-f]{64}$/.test(value) ? 'hex' : 'base64')}`;
  if (algo === 'sha1') {
    const bytes = createHash('sha1').update(buf).digest();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    let s = '';
    for (let i = 0; i < bits.length; i += 5) s += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
    return `sha1:${s}`;
  }
  throw new Error(`unknown digest ${label}`);
}

/** The WARC of a WACZ, every gzip member decompressed. */
export function warcOfWacz(file: string): { zip: Map<string, ZipFileEntry>; warc: Buffer; records: ParsedRecord[] } {
  const zip = readZip(file);
  const entry = zip.get('archive/data.warc.gz');
  if (!entry) throw new Error('no archive/data.warc.gz');
  const warc = gunzipSync(entry.data);
  return { zip, warc, records: parseWarc(warc) };
}
