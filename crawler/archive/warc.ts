/**
 * Turns one HTTP exchange seen by the browser into WARC/1.1 records (a `request` and a `response`,
 * or a `revisit` when the same URL already came back with the same payload in this file), written
 * with Webrecorder's warcio and gzipped record by record, so that each record can be read alone at
 * its offset (what the CDXJ index of a WACZ points to).
 *
 * The payload is what the browser handed to the page: already decoded. The original
 * Content-Encoding, Transfer-Encoding and Content-Length headers are therefore kept under
 * `X-Archive-Orig-…` names (the convention of pywb and other archive tools) and Content-Length is
 * the stored length, so that the HTTP block is self-consistent and replays as is. A body that was
 * cut (size caps), was still arriving when the pass ended, or broke off carries `WARC-Truncated`
 * (ISO 28500: length | time | disconnect).
 * Deliberately ignored: request bodies larger than MAX_REQUEST_BODY (kept truncated), HTTP/2
 * pseudo-headers, and timing (responses replay at once).
 */
import { createHash } from 'node:crypto';
import { WARCRecord, WARCSerializer, getSurt } from 'warcio';

/** Form posts and API calls are small; an upload is not evidence of a contact channel. */
export const MAX_REQUEST_BODY = 64 * 1024;

export interface Exchange {
  url: string;
  method: string;
  status: number;
  statusText: string;
  /** response headers in order, duplicates kept */
  headers: [string, string][];
  requestHeaders: [string, string][];
  postData: Buffer | null;
  body: Buffer;
  /** why the stored body is not the whole body: size cap or never finished */
  truncated: 'length' | 'time' | 'disconnect' | null;
  /** ISO date the response arrived */
  date: string;
}

export interface SerializedRecord {
  /** gzip member(s) of this record */
  bytes: Uint8Array;
  type: 'request' | 'response' | 'revisit';
  url: string;
  date: string;
  status: number | null;
  mime: string | null;
  /** `sha256:<hex>` of the payload */
  digest: string | null;
  method: string;
}

const RENAMED = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

/** Response headers as stored: hop-by-hop encodings renamed, Content-Length = stored length. */
export function storedHeaders(headers: [string, string][], bodyLength: number): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of headers) {
    if (name.startsWith(':')) continue;
    if (RENAMED.has(name.toLowerCase())) out.push([`X-Archive-Orig-${name}`, value]);
    else out.push([name, value]);
  }
  out.push(['Content-Length', String(bodyLength)]);
  return out;
}

export function sha256(buf: Uint8Array): string {
  return `sha256:${createHash('sha256').update(buf).digest('hex')}`;
}

function mimeOf(headers: [string, string][]): string | null {
  const ct = headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
  return ct ? ct.split(';')[0].trim().toLowerCase() : null;
}

function requestTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}` || '/';
  } catch {
    return '/';
  }
}

async function* once(buf: Uint8Array): AsyncGenerator<Uint8Array> {
  if (buf.length) yield buf;
}

async function serialize(record: WARCRecord): Promise<Uint8Array> {
  return WARCSerializer.serialize(record, { gzip: true });
}

/** The warcinfo record that opens each WARC file. */
export async function warcinfoRecord(filename: string, info: Record<string, string>): Promise<Uint8Array> {
  const rec = WARCRecord.createWARCInfo({ filename, warcVersion: 'WARC/1.1' }, info);
  return serialize(rec);
}

/**
 * The records of one exchange. `seen` maps `url payload-digest` to the first response record
 * with that payload in the current file, for identical-payload revisits.
 */
export async function exchangeRecords(x: Exchange, seen: Map<string, { id: string; date: string }>): Promise<SerializedRecord[]> {
  const digest = sha256(x.body);
  const headers = storedHeaders(x.headers, x.body.length);
  const mime = mimeOf(x.headers);
  const statusline = `HTTP/1.1 ${x.status} ${x.statusText || 'OK'}`.trim();
  const key = `${x.url} ${digest}`;
  const first = x.body.length && !x.truncated ? seen.get(key) : undefined;
  const warcHeaders: Record<string, string> = {};
  if (x.truncated) warcHeaders['WARC-Truncated'] = x.truncated;
  let response: WARCRecord;
  if (first) {
    warcHeaders['WARC-Payload-Digest'] = digest;
    response = WARCRecord.create(
      { url: x.url, date: x.date, type: 'revisit', warcVersion: 'WARC/1.1', warcHeaders, httpHeaders: headers, statusline, refersToUrl: x.url, refersToDate: first.date },
      once(new Uint8Array()),
    );
    response.warcHeaders.headers.set('WARC-Refers-To', first.id);
  } else {
    response = WARCRecord.create({ url: x.url, date: x.date, type: 'response', warcVersion: 'WARC/1.1', warcHeaders, httpHeaders: headers, statusline }, once(x.body));
  }
  const responseId = response.warcHeaders.headers.get('WARC-Record-ID') as string;
  if (!first && x.body.length && !x.truncated) seen.set(key, { id: responseId, date: response.warcDate as string });

  const reqHeaders = x.requestHeaders.filter(([n]) => !n.startsWith(':'));
  if (!reqHeaders.some(([n]) => n.toLowerCase() === 'host')) {
    try {
      reqHeaders.unshift(['Host', new URL(x.url).host]);
    } catch {
      /* not a URL with a host */
    }
  }
  const post = x.postData ? x.postData.subarray(0, MAX_REQUEST_BODY) : new Uint8Array();
  const request = WARCRecord.create(
    {
      url: x.url,
      date: x.date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      warcHeaders: { 'WARC-Concurrent-To': responseId, ...(x.postData && x.postData.length > MAX_REQUEST_BODY ? { 'WARC-Truncated': 'length' } : {}) },
      httpHeaders: reqHeaders,
      statusline: `${x.method} ${requestTarget(x.url)} HTTP/1.1`,
    },
    once(post),
  );
  const [resBytes, reqBytes] = [await serialize(response), await serialize(request)];
  return [
    { bytes: resBytes, type: first ? 'revisit' : 'response', url: x.url, date: response.warcDate as string, status: x.status, mime, digest, method: x.method },
    { bytes: reqBytes, type: 'request', url: x.url, date: x.date, status: null, mime: null, digest: null, method: x.method },
  ];
}

/** The CDXJ line of a response or revisit record at `offset` in `filename` (WACZ indexes/). */
export function cdxjLine(r: SerializedRecord, offset: number, filename: string): string {
  const ts = r.date.replace(/[-:T]/g, '').replace(/\.\d+Z?$/, '').replace(/Z$/, '').slice(0, 14);
  const fields: Record<string, string> = {
    url: r.url,
    mime: r.type === 'revisit' ? 'warc/revisit' : (r.mime ?? 'unk'),
    status: String(r.status ?? ''),
    digest: r.digest?.replace(/^sha256:/, '') ?? '',
    length: String(r.bytes.length),
    offset: String(offset),
    filename,
  };
  if (r.method !== 'GET') fields.method = r.method;
  return `${getSurt(r.url)} ${ts} ${JSON.stringify(fields)}`;
}
