/**
 * The WACZ written for a pass, read back with the test's own ZIP and WARC readers: every record's
 * type, target URI, payload and block digests, the truncation marks, the renamed encodings, the
 * revisit of a payload seen twice, datapackage.json digests and the CDXJ offsets. Then the replay
 * server answers from that file: exact match, redirect, cache-busting fallback, methods, revisit,
 * preflight, and a request absent from the archive gets no HTTP answer at all.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeRecords, warcinfoRecord, type Exchange, type SerializedRecord } from '../../crawler/archive/warc.ts';
import { writeWacz } from '../../crawler/archive/wacz.ts';
import { actorArchiveDir, inside, passArchiveFile, UnsafeArchivePathError } from '../../crawler/archive/paths.ts';
import { ActorArchive } from '../../crawler/archive/recorder.ts';
import { startReplayServer, type ReplayServer } from '../../crawler/serve/replay-server.ts';
import { hostResolverRules } from '../../crawler/serve/fixture-server.ts';
import { digestOf, parseWarc, readZip, warcOfWacz } from './warc-reader.ts';

const DATE = '2026-11-30T10:00:00.000Z';
const html = Buffer.from('<!doctype html><title>Contact</title><a href="/aide">Aide</a>');
const js = Buffer.from('window.chat = true;');
const bigImage = Buffer.alloc(3000, 7);

function x(over: Partial<Exchange>): Exchange {
  return {
    url: 'https://www.exemple.fr/',
    method: 'GET',
    status: 200,
    statusText: 'OK',
    headers: [['Content-Type', 'text/html; charset=utf-8']],
    requestHeaders: [['User-Agent', 'test']],
    postData: null,
    body: Buffer.alloc(0),
    truncated: null,
    date: DATE,
    ...over,
  };
}

const exchanges: Exchange[] = [
  x({ url: 'https://www.exemple.fr/contact', status: 301, statusText: 'Moved Permanently', headers: [['Location', '/aide-et-contact'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']] }),
  x({
    url: 'https://www.exemple.fr/aide-et-contact',
    body: html,
    headers: [['Content-Type', 'text/html; charset=utf-8'], ['Content-Encoding', 'gzip'], ['Transfer-Encoding', 'chunked'], ['Content-Length', '41']],
  }),
  x({ url: 'https://cdn.exemple.fr/chat.js?v=3&_=1700000000001', body: js, headers: [['Content-Type', 'text/javascript']] }),
  // the same script again, same payload: a revisit
  x({ url: 'https://cdn.exemple.fr/chat.js?v=3&_=1700000000001', body: js, headers: [['Content-Type', 'text/javascript'], ['X-Second', 'yes']] }),
  x({ url: 'https://cdn.exemple.fr/hero.jpg', body: bigImage.subarray(0, 1000), truncated: 'length', headers: [['Content-Type', 'image/jpeg'], ['Content-Length', '3000']] }),
  x({ url: 'https://api.exemple.fr/contact-form', method: 'POST', postData: Buffer.from('{"q":"horaires"}'), body: Buffer.from('{"ok":true}'), headers: [['Content-Type', 'application/json']] }),
];

let file = '';
let root = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ct-wacz-'));
  const dir = actorArchiveDir(root, '20261130T100000Z-abcdef', 'exemple');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  file = passArchiveFile(dir, 'refuse');
  const seen = new Map();
  const records: SerializedRecord[] = [];
  for (const e of exchanges) records.push(...(await exchangeRecords(e, seen)));
  await writeWacz(file, {
    warcinfo: await warcinfoRecord('data.warc.gz', { software: 'test' }),
    records,
    pages: [{ url: 'https://www.exemple.fr/aide-et-contact', ts: DATE, title: 'Contact' }],
    title: 'exemple (refuse)',
    software: 'test',
    created: DATE,
  });
});

describe('WACZ written for one pass', () => {
  it('holds the WACZ 1.1.1 files, the WARC stored uncompressed in the ZIP', () => {
    const zip = readZip(file);
    expect([...zip.keys()].sort()).toEqual(['archive/data.warc.gz', 'datapackage-digest.json', 'datapackage.json', 'indexes/index.cdx', 'pages/pages.jsonl']);
    expect(zip.get('archive/data.warc.gz')!.method).toBe(0);
    const pages = zip.get('pages/pages.jsonl')!.data.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(pages).toEqual([
      { format: 'json-pages-1.0', id: 'pages', title: 'All Pages' },
      { id: 'page-1', url: 'https://www.exemple.fr/aide-et-contact', ts: DATE, title: 'Contact' },
    ]);
  });

  it('datapackage.json lists every file with its exact sha256 and size', () => {
    const zip = readZip(file);
    const dpRaw = zip.get('datapackage.json')!.data;
    const dp = JSON.parse(dpRaw.toString());
    expect(dp.profile).toBe('data-package');
    expect(dp.wacz_version).toBe('1.1.1');
    expect(dp.resources.map((r: { path: string }) => r.path).sort()).toEqual(['archive/data.warc.gz', 'indexes/index.cdx', 'pages/pages.jsonl']);
    for (const r of dp.resources as { path: string; hash: string; bytes: number }[]) {
      const data = zip.get(r.path)!.data;
      expect(r.bytes).toBe(data.length);
      expect(r.hash).toBe(`sha256:${createHash('sha256').update(data).digest('hex')}`);
    }
    const digest = JSON.parse(zip.get('datapackage-digest.json')!.data.toString());
    expect(digest).toEqual({ path: 'datapackage.json', hash: `sha256:${createHash('sha256').update(dpRaw).digest('hex')}` });
  });

  it('every WARC record parses, with its type, target URI and digests as written', () => {
    const { records } = warcOfWacz(file);
    expect(records.map((r) => `${r.headers.get('warc-type')} ${r.headers.get('warc-target-uri') ?? ''}`.trim())).toEqual([
      'warcinfo',
      'response https://www.exemple.fr/contact',
      'request https://www.exemple.fr/contact',
      'response https://www.exemple.fr/aide-et-contact',
      'request https://www.exemple.fr/aide-et-contact',
      'response https://cdn.exemple.fr/chat.js?v=3&_=1700000000001',
      'request https://cdn.exemple.fr/chat.js?v=3&_=1700000000001',
      'revisit https://cdn.exemple.fr/chat.js?v=3&_=1700000000001',
      'request https://cdn.exemple.fr/chat.js?v=3&_=1700000000001',
      'response https://cdn.exemple.fr/hero.jpg',
      'request https://cdn.exemple.fr/hero.jpg',
      'response https://api.exemple.fr/contact-form',
      'request https://api.exemple.fr/contact-form',
    ]);
    const ids = new Set(records.map((r) => r.headers.get('warc-record-id')));
    expect(ids.size).toBe(records.length);
    for (const r of records) {
      expect(r.headers.get('warc-record-id')).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
      expect(r.headers.get('warc-date')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      const type = r.headers.get('warc-type');
      if (type === 'warcinfo') continue;
      expect(r.headers.get('warc-block-digest')).toBe(digestOf(r.headers.get('warc-block-digest')!, r.block));
      if (type === 'response' || type === 'request') {
        expect(r.headers.get('warc-payload-digest')).toBe(digestOf(r.headers.get('warc-payload-digest')!, r.http!.payload));
      }
      if (type === 'request') expect(ids.has(r.headers.get('warc-concurrent-to'))).toBe(true);
    }
  });

  it('stores decoded bodies with the original encodings renamed and the stored length', () => {
    const { records } = warcOfWacz(file);
    const page = records[3];
    expect(page.http!.firstLine).toBe('HTTP/1.1 200 OK');
    expect(page.http!.payload.equals(html)).toBe(true);
    expect(page.http!.headers).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['X-Archive-Orig-Content-Encoding', 'gzip'],
      ['X-Archive-Orig-Transfer-Encoding', 'chunked'],
      ['X-Archive-Orig-Content-Length', '41'],
      ['Content-Length', String(html.length)],
    ]);
    const redirect = records[1];
    expect(redirect.http!.firstLine).toBe('HTTP/1.1 301 Moved Permanently');
    expect(redirect.http!.headers.filter(([n]) => n === 'Set-Cookie')).toEqual([['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
    expect(redirect.http!.payload.length).toBe(0);
  });

  it('marks the truncated media body, writes a revisit for the repeated payload, keeps the POST body', () => {
    const { records } = warcOfWacz(file);
    const img = records[9];
    expect(img.headers.get('warc-truncated')).toBe('length');
    expect(img.http!.payload.length).toBe(1000);
    expect(records.filter((r) => r.headers.has('warc-truncated')).length).toBe(1);
    const revisit = records[7];
    expect(revisit.headers.get('warc-profile')).toBe('http://netpreserve.org/warc/1.1/revisit/identical-payload-digest');
    expect(revisit.headers.get('warc-refers-to')).toBe(records[5].headers.get('warc-record-id'));
    expect(revisit.headers.get('warc-refers-to-target-uri')).toBe('https://cdn.exemple.fr/chat.js?v=3&_=1700000000001');
    expect(revisit.headers.get('warc-payload-digest')).toBe(`sha256:${createHash('sha256').update(js).digest('hex')}`);
    expect(revisit.http!.payload.length).toBe(0);
    expect(revisit.http!.headers).toContainEqual(['X-Second', 'yes']);
    const post = records[12];
    expect(post.http!.firstLine).toBe('POST /contact-form HTTP/1.1');
    expect(post.http!.headers).toEqual([['Host', 'api.exemple.fr'], ['User-Agent', 'test']]);
    expect(post.http!.payload.toString()).toBe('{"q":"horaires"}');
  });

  it('indexes each response and revisit in CDXJ at the offset of its own gzip member', () => {
    const zip = readZip(file);
    const warcGz = zip.get('archive/data.warc.gz')!.data;
    const lines = zip.get('indexes/index.cdx')!.data.toString().trim().split('\n');
    expect(lines.length).toBe(6);
    expect([...lines].sort()).toEqual(lines);
    const urls: string[] = [];
    for (const l of lines) {
      const f = JSON.parse(l.slice(l.indexOf('{')));
      expect(f.filename).toBe('data.warc.gz');
      const one = parseWarc(gunzipSync(warcGz.subarray(Number(f.offset), Number(f.offset) + Number(f.length))));
      expect(one.length).toBe(1);
      expect(one[0].headers.get('warc-target-uri')).toBe(f.url);
      urls.push(`${f.method ?? 'GET'} ${f.status} ${f.mime} ${f.url}`);
    }
    expect(urls.sort()).toEqual([
      'GET 200 image/jpeg https://cdn.exemple.fr/hero.jpg',
      'GET 200 text/html https://www.exemple.fr/aide-et-contact',
      'GET 200 text/javascript https://cdn.exemple.fr/chat.js?v=3&_=1700000000001',
      'GET 200 warc/revisit https://cdn.exemple.fr/chat.js?v=3&_=1700000000001',
      'GET 301 unk https://www.exemple.fr/contact',
      'POST 200 application/json https://api.exemple.fr/contact-form',
    ]);
  });
});

describe('archive paths', () => {
  it('refuse ids and paths that would leave the archive folder', () => {
    expect(() => actorArchiveDir('/tmp/a', '../x', 'b')).toThrow(UnsafeArchivePathError);
    expect(() => actorArchiveDir('/tmp/a', 'r1', '..')).toThrow(UnsafeArchivePathError);
    expect(() => actorArchiveDir('/tmp/a', 'r1', 'a/b')).toThrow(UnsafeArchivePathError);
    expect(() => actorArchiveDir('/tmp/a', 'r1', '/etc')).toThrow(UnsafeArchivePathError);
    expect(() => inside('/tmp/a', '..', 'b')).toThrow(UnsafeArchivePathError);
    expect(() => new ActorArchive('/tmp/a', 'r1', { id: '.hidden', url: 'https://x.fr/' })).toThrow(UnsafeArchivePathError);
    expect(actorArchiveDir('/tmp/a', '20261130T100000Z-abcdef', 'banque-horizon')).toBe('/tmp/a/20261130T100000Z-abcdef/banque-horizon');
    expect(passArchiveFile('/tmp/a/r/x', 'accept')).toBe('/tmp/a/r/x/accept.wacz');
  });
});

describe('replay server', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer(join(root, '20261130T100000Z-abcdef'));
  });
  afterAll(async () => {
    await server?.close();
  });

  function get(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string } | { error: string }> {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    const req = (secure ? httpsRequest : httpRequest)({
      host: '127.0.0.1',
      port: secure ? server.httpsPort : server.httpPort,
      path: `${u.pathname}${u.search}`,
      method,
      headers: { host: u.host, ...headers },
      rejectUnauthorized: false,
    });
    return new Promise((resolve) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
      req.end();
    });
  }

  it('maps only archived hosts, everything else fails to resolve', () => {
    expect(server.hosts).toEqual(['api.exemple.fr', 'cdn.exemple.fr', 'www.exemple.fr']);
    expect(server.captures).toBe(6);
    expect(hostResolverRules(server)).toBe(
      `MAP api.exemple.fr:443 127.0.0.1:${server.httpsPort}, MAP api.exemple.fr:80 127.0.0.1:${server.httpPort}, ` +
        `MAP cdn.exemple.fr:443 127.0.0.1:${server.httpsPort}, MAP cdn.exemple.fr:80 127.0.0.1:${server.httpPort}, ` +
        `MAP www.exemple.fr:443 127.0.0.1:${server.httpsPort}, MAP www.exemple.fr:80 127.0.0.1:${server.httpPort}, MAP * ~NOTFOUND`,
    );
  });

  it('answers an archived URL with its status, headers and decoded body; redirects keep their location', async () => {
    const page = await get('https://www.exemple.fr/aide-et-contact');
    expect(page).toMatchObject({ status: 200, body: html.toString() });
    expect((page as { headers: Record<string, unknown> }).headers['content-encoding']).toBeUndefined();
    expect((page as { headers: Record<string, unknown> }).headers['content-length']).toBe(String(html.length));
    const redirect = await get('https://www.exemple.fr/contact');
    expect(redirect).toMatchObject({ status: 301, body: '' });
    expect((redirect as { headers: Record<string, unknown> }).headers.location).toBe('/aide-et-contact');
    expect((redirect as { headers: Record<string, unknown> }).headers['set-cookie']).toEqual(['a=1', 'b=2']);
    const head = await get('https://www.exemple.fr/aide-et-contact', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
  });

  it('falls back on the capture with the same parameter names when a cache-buster changed', async () => {
    expect(await get('https://cdn.exemple.fr/chat.js?v=3&_=1800000000000')).toMatchObject({ status: 200, body: js.toString() });
    expect(server.match('GET', 'https://cdn.exemple.fr/chat.js?_=1&v=3')?.url).toBe('https://cdn.exemple.fr/chat.js?v=3&_=1700000000001');
    // other parameter names: not the same resource
    expect(await get('https://cdn.exemple.fr/chat.js?v=3')).toEqual({ error: 'ECONNRESET' });
    expect(await get('https://cdn.exemple.fr/chat.js?v=3&_=1&lang=fr')).toEqual({ error: 'ECONNRESET' });
    expect(server.match('GET', 'https://cdn.exemple.fr/chat.js?v=3&_=1700000000001#top')?.url).toBe('https://cdn.exemple.fr/chat.js?v=3&_=1700000000001');
  });

  it('serves the first capture of a URL seen twice', async () => {
    const c = server.match('GET', 'https://cdn.exemple.fr/chat.js?v=3&_=1700000000001');
    expect(c?.revisit).toBe(false);
  });

  it('matches the method: a POST capture does not answer a GET; preflights are allowed for archived URLs', async () => {
    expect(await get('https://api.exemple.fr/contact-form', 'POST')).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(await get('https://api.exemple.fr/contact-form')).toEqual({ error: 'ECONNRESET' });
    const pre = await get('https://api.exemple.fr/contact-form', 'OPTIONS', { origin: 'https://www.exemple.fr', 'access-control-request-method': 'POST' });
    expect(pre).toMatchObject({ status: 204 });
    expect((pre as { headers: Record<string, unknown> }).headers['access-control-allow-origin']).toBe('https://www.exemple.fr');
    expect(await get('https://api.exemple.fr/other', 'OPTIONS', { origin: 'https://www.exemple.fr' })).toEqual({ error: 'ECONNRESET' });
  });

  it('gives no HTTP answer for what is not archived (never a 404 page)', async () => {
    expect(await get('https://www.exemple.fr/nope')).toEqual({ error: 'ECONNRESET' });
    expect(await get('http://www.exemple.fr/aide-et-contact')).toEqual({ error: 'ECONNRESET' });
    expect(server.stats.refused).toBeGreaterThanOrEqual(6);
  });
});
