/**
 * `scan --replay DIR`: answers the browser from the web archives recorded with `--archive`
 * (CONTRACT §9), through the same mechanism as the fixture server: a local HTTP+HTTPS server with
 * the FixtureServer interface, Chromium mapped onto it with --host-resolver-rules, so pages see
 * their original URLs. DIR is a `<run id>` folder; every `.wacz` under it is indexed from its
 * CDXJ index (indexes/*.cdx|cdxj), and records are read lazily at their offset in the STORED WARC.
 *
 * Matching, in order:
 *  1. method + full URL (query string included, fragment excluded); HEAD is answered from GET;
 *  2. cache-busting fallback: same method, scheme, host and path, and the same set of query
 *     parameter names (values may differ, e.g. `?_=1700000000000`): the capture with the most
 *     equal values wins;
 *  3. CORS preflights (OPTIONS, never seen by the recorder) are allowed for any archived URL.
 * Several captures of one URL (pages seen in both passes, by several actors): the first captured
 * wins. Revisit records are answered with their own status and headers and the payload of the
 * response they refer to.
 *
 * Not archived: a host with no capture at all is not mapped, so Chromium fails with
 * net::ERR_NAME_NOT_RESOLVED, exactly like an unresolvable host; on an archived host, a URL with no
 * capture gets its connection closed without an answer (Chromium: net::ERR_EMPTY_RESPONSE, a
 * connection failure). Never a 404 page, which a detector could read as content.
 * Deliberately ignored: response timings (everything is answered at once), request bodies (a POST
 * matches on method and URL), plain WARC files outside a WACZ, ZIP64.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Socket } from 'node:net';
import type { FixtureServer } from './fixture-server.ts';
import { listenLoopback } from './loopback.ts';
import { listZip, readEntry, readRange } from '../archive/zip-read.ts';


/** Refused requests kept by URL for the run log; the count covers all of them. */
const REFUSED_SAMPLE = 50;

export interface Capture {
  method: string;
  url: string;
  status: number;
  timestamp: string;
  revisit: boolean;
  digest: string;
  /** the WACZ file and the absolute offset/length of the record's gzip member in it */
  file: string;
  offset: number;
  length: number;
  /** order of indexing, to break ties */
  order: number;
}

export interface ReplayServer extends FixtureServer {
  /** captures indexed, all files together */
  captures: number;
  /** requests answered / refused so far, for logs and tests */
  stats: { answered: number; fallback: number; refused: number; refusedSample: string[] };
  /** what request gets which capture (exported for tests) */
  match(method: string, url: string): Capture | null;
}

function listWacz(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...listWacz(p));
    else if (d.isFile() && d.name.endsWith('.wacz')) out.push(p);
  }
  return out.sort();
}

function canonical(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** Reads the CDXJ index of every WACZ under dir. */
export function indexArchives(dir: string): Capture[] {
  const captures: Capture[] = [];
  let order = 0;
  for (const file of listWacz(dir)) {
    const entries = listZip(file);
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const idx of entries.filter((e) => /^indexes\/[^/]+\.cdxj?(\.gz)?$/.test(e.name))) {
      let text = readEntry(file, idx);
      if (idx.name.endsWith('.gz')) text = gunzipSync(text);
      for (const line of text.toString('utf8').split('\n')) {
        const brace = line.indexOf('{');
        if (brace < 0) continue;
        const [, timestamp = ''] = line.slice(0, brace).trim().split(/\s+/);
        let f: Record<string, string>;
        try {
          f = JSON.parse(line.slice(brace));
        } catch {
          continue;
        }
        const warc = byName.get(`archive/${f.filename}`);
        const url = canonical(f.url ?? '');
        if (!warc || !url || warc.method !== 0) continue;
        captures.push({
          method: (f.method ?? 'GET').toUpperCase(),
          url,
          status: Number(f.status) || 200,
          timestamp,
          revisit: f.mime === 'warc/revisit',
          digest: f.digest ?? '',
          file,
          offset: warc.dataOffset + Number(f.offset),
          length: Number(f.length),
          order: order++,
        });
      }
    }
  }
  return captures;
}

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Buffer;
}

/** Status line, headers (duplicates kept) and payload of one record, read at its offset. */
function readRecord(c: Capture): { status: number; statusText: string; headers: [string, string][]; payload: Buffer } {
  const raw = gunzipSync(readRange(c.file, c.offset, c.length));
  const warcEnd = raw.indexOf('\r\n\r\n');
  const warcHead = raw.subarray(0, warcEnd).toString('latin1');
  const len = Number(/\r\ncontent-length:\s*(\d+)/i.exec(warcHead)?.[1] ?? 0);
  const block = raw.subarray(warcEnd + 4, warcEnd + 4 + len);
  const httpEnd = block.indexOf('\r\n\r\n');
  const head = block.subarray(0, httpEnd < 0 ? block.length : httpEnd).toString('latin1').split('\r\n');
  const m = /^HTTP\/\S+\s+(\d{3})\s?(.*)$/.exec(head[0] ?? '');
  const headers: [string, string][] = [];
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return { status: m ? Number(m[1]) : c.status, statusText: m?.[2] ?? '', headers, payload: httpEnd < 0 ? Buffer.alloc(0) : block.subarray(httpEnd + 4) };
}

/** Headers that describe the stored bytes are recomputed; the rest goes back as recorded. */
const HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export async function startReplayServer(root: string): Promise<ReplayServer> {
  const all = indexArchives(root);
  const exact = new Map<string, Capture[]>();
  const byPath = new Map<string, Capture[]>();
  const urls = new Set<string>();
  for (const c of all) {
    const key = `${c.method} ${c.url}`;
    if (!exact.has(key)) exact.set(key, []);
    exact.get(key)!.push(c);
    const u = new URL(c.url);
    const pk = `${c.method} ${u.origin}${u.pathname}`;
    if (!byPath.has(pk)) byPath.set(pk, []);
    byPath.get(pk)!.push(c);
    urls.add(`${u.origin}${u.pathname}`);
  }
  const first = (list: Capture[]) => [...list].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.order - b.order)[0];
  const hosts = [...new Set(all.map((c) => new URL(c.url).hostname.toLowerCase()))].sort();
  const stats = { answered: 0, fallback: 0, refused: 0, refusedSample: [] as string[] };

  function match(method: string, url: string): Capture | null {
    const href = canonical(url);
    if (!href) return null;
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const hit = exact.get(`${m} ${href}`);
    if (hit) return first(hit);
    const u = new URL(href);
    const names = [...new Set(u.searchParams.keys())].sort().join('&');
    let best: Capture | null = null;
    let bestScore = -1;
    for (const c of byPath.get(`${m} ${u.origin}${u.pathname}`) ?? []) {
      const cu = new URL(c.url);
      if ([...new Set(cu.searchParams.keys())].sort().join('&') !== names) continue;
      let score = 0;
      for (const [k, v] of u.searchParams) if (cu.searchParams.getAll(k).includes(v)) score++;
      if (score > bestScore || (score === bestScore && best && first([best, c]) === c)) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  function answer(c: Capture): Answer {
    const rec = readRecord(c);
    let body = rec.payload;
    if (c.revisit) {
      const original = (exact.get(`${c.method} ${c.url}`) ?? []).find((o) => !o.revisit && o.digest === c.digest && o.file === c.file);
      body = original ? readRecord(original).payload : Buffer.alloc(0);
    }
    const headers = rec.headers.filter(([n]) => !HOP.has(n.toLowerCase()));
    return { status: rec.status, statusText: rec.statusText, headers, body };
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const scheme = (req.socket as Socket & { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const url = `${scheme}://${host}${req.url ?? '/'}`;
    const refuse = () => {
      stats.refused++;
      if (stats.refusedSample.length < REFUSED_SAMPLE) stats.refusedSample.push(`${req.method} ${url}`);
      req.socket.destroy();
    };
    let c: Capture | null = null;
    try {
      c = match(req.method ?? 'GET', url);
    } catch {
      return refuse();
    }
    if (!c && req.method === 'OPTIONS') {
      const href = canonical(url);
      const u = href ? new URL(href) : null;
      if (!u || !urls.has(`${u.origin}${u.pathname}`)) return refuse();
      res.writeHead(204, {
        'access-control-allow-origin': String(req.headers.origin ?? '*'),
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': String(req.headers['access-control-request-method'] ?? 'GET, POST'),
        'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
        vary: 'Origin',
      });
      res.end();
      return;
    }
    if (!c) return refuse();
    let a: Answer;
    try {
      a = answer(c);
    } catch {
      return refuse();
    }
    stats.answered++;
    if (canonical(url) !== c.url) stats.fallback++;
    for (const [n, v] of a.headers) {
      try {
        res.appendHeader(n, v);
      } catch {
        /* a header Node refuses to send (invalid characters): dropped */
      }
    }
    const noBody = req.method === 'HEAD' || a.status === 204 || a.status === 304 || (a.status >= 100 && a.status < 200);
    if (!noBody) res.setHeader('content-length', a.body.length);
    res.writeHead(a.status, a.statusText || undefined);
    res.end(noBody ? undefined : a.body);
  };

  const { httpPort, httpsPort, spki, close } = await listenLoopback(handler);
  return {
    root,
    httpPort,
    httpsPort,
    hosts,
    // a replay answers at once: the network it had is not part of the record
    network: null,
    spki,
    captures: all.length,
    stats,
    match,
    close,
  };
}
