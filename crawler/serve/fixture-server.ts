/**
 * Serves a fixture corpus's `sites/` tree (CONTRACT §3) over HTTP and HTTPS on loopback, keyed by
 * the Host header, so the browser sees the original URLs and hostnames. Chromium is pointed at it
 * with --host-resolver-rules (crawler/browser.ts): each hostname that has a folder is mapped here,
 * every other one fails as unresolvable, so nothing reaches the network.
 *
 * Chosen over Playwright's context.route, which does not route the follow-up of a fulfilled
 * redirect and is bypassed by service workers (../shared/research/derisk.md §2).
 *
 * Network modes (issue 10, network.ts): `quiet` (default) answers at once; `realistic` and `heavy`
 * (option `network`, or a corpus-level `_network.json`) delay each answer by its URL's latency and
 * inject an analytics tag into every HTML page, served here under REALISTIC_HOST; `heavy` pages also
 * load images served by their own host under HEAVY_IMAGE_PATH.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { certificateSpki, listenLoopback } from './loopback.ts';
import { beaconScript, HEAVY_IMAGE_PATH, injectBeacon, latencyFor, longPolls, PIXEL_GIF, REALISTIC_HOST, resolveNetwork, type NetworkOption, type NetworkProfile } from './network.ts';

export interface RouteRule {
  delayMs?: number;
  status?: number;
  location?: string;
  headers?: Record<string, string>;
}

export interface FixtureServer {
  root: string;
  /** the simulated network, null when quiet */
  network: NetworkProfile | null;
  httpPort: number;
  httpsPort: number;
  /** hostnames that have a folder under root */
  hosts: string[];
  /** base64 sha256 of the certificate's public key, for --ignore-certificate-errors-spki-list */
  spki: string;
  close(): Promise<void>;
}


const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * CONTRACT §3 path resolution: `/` and `/dir/` → index.html in that folder; `/a/b` → the file
 * `a/b`, else `a/b.html`, else `a/b/index.html`. Returns null when nothing matches or the path
 * escapes the host folder.
 */
export function resolveFixturePath(hostDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  if (rel.startsWith('..') || rel.includes(`${sep}..${sep}`)) return null;
  const base = join(hostDir, rel);
  if (!(base === hostDir || base.startsWith(hostDir + sep))) return null;
  const candidates = decoded.endsWith('/') || rel === '' || rel === '.' ? [join(base, 'index.html')] : [base, `${base}.html`, join(base, 'index.html')];
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* try the next one */
    }
  }
  return null;
}

function loadRoutes(hostDir: string): Record<string, RouteRule> {
  const file = join(hostDir, '_routes.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, RouteRule>;
  } catch (err) {
    throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
  }
}

export { certificateSpki };

export async function startFixtureServer(root: string, opts: { network?: NetworkOption | null } = {}): Promise<FixtureServer> {
  const net = resolveNetwork(root, opts.network);
  const hosts = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name.toLowerCase());
  const routes = new Map<string, Record<string, RouteRule>>();
  for (const h of hosts) routes.set(h, loadRoutes(join(root, h)));

  /** The synthetic analytics host of the realistic network. */
  const analytics = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const cors = { 'access-control-allow-origin': String(req.headers.origin ?? '*'), 'access-control-allow-credentials': 'true', 'cache-control': 'no-store' };
    if (url.pathname === '/poll') {
      // Held open until the client goes away: a long-poll that never completes.
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      res.flushHeaders();
      return;
    }
    const later = (f: () => void) => {
      const t = setTimeout(f, latencyFor(url.href, net!.resourceMs, net!.seed));
      res.on('close', () => clearTimeout(t));
    };
    if (url.pathname === '/beacon.js') {
      later(() => {
        res.writeHead(200, { ...cors, 'content-type': 'text/javascript; charset=utf-8' });
        res.end(beaconScript(net!, url.searchParams.get('lp') === '1'));
      });
      return;
    }
    later(() => {
      res.writeHead(url.pathname === '/collect' ? 204 : 404, cors);
      res.end();
    });
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (net && host === REALISTIC_HOST) {
      analytics(req, res, new URL(req.url ?? '/', `https://${host}`));
      return;
    }
    if (!routes.has(host)) {
      // Unknown host: behave like a connection that never resolved.
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (net?.imagesPerPage && url.pathname === HEAVY_IMAGE_PATH) {
      const t = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-cache' });
        res.end(PIXEL_GIF);
      }, latencyFor(`${host}${url.pathname}${url.search}`, net.resourceMs, net.seed));
      res.on('close', () => clearTimeout(t));
      return;
    }
    const rule = routes.get(host)![url.pathname];
    const cors: Record<string, string> = {};
    if (req.headers.origin) {
      cors['access-control-allow-origin'] = req.headers.origin;
      cors['access-control-allow-credentials'] = 'true';
      cors['vary'] = 'Origin';
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
      });
      res.end();
      return;
    }
    const respond = () => {
      if (res.destroyed || res.writableEnded) return;
      const extra = { ...cors, ...(rule?.headers ?? {}) };
      if (rule?.status && rule.status >= 300 && rule.status < 400 && rule.location) {
        res.writeHead(rule.status, { ...extra, location: rule.location });
        res.end();
        return;
      }
      const file = resolveFixturePath(join(root, host), url.pathname);
      if (rule?.status && rule.status >= 400) {
        const body = file ? readFileSync(file) : Buffer.from(`<!doctype html><title>${rule.status}</title><h1>Erreur ${rule.status}</h1>`);
        res.writeHead(rule.status, { 'content-type': file ? contentType(file) : 'text/html; charset=utf-8', ...extra });
        res.end(body);
        return;
      }
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...extra });
        res.end('<!doctype html><title>404</title><h1>Page introuvable</h1>');
        return;
      }
      const type = contentType(file);
      let body: Buffer | string = readFileSync(file);
      if (net && (net.beaconEveryMs || net.pageScriptMs || net.extraNodes || net.imagesPerPage) && type.startsWith('text/html')) {
        body = injectBeacon(body.toString('utf8'), `https://${REALISTIC_HOST}/beacon.js${longPolls(net, hosts, host) ? '?lp=1' : ''}`);
      }
      res.writeHead(rule?.status ?? 200, { 'content-type': type, 'cache-control': 'no-cache', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // Realistic network: documents and sub-resources wait a per-URL delay (Sec-Fetch-Dest tells
    // which; without it, an HTML file or a path without extension counts as a document).
    let wait = rule?.delayMs ?? 0;
    if (net && req.method !== 'OPTIONS') {
      const dest = String(req.headers['sec-fetch-dest'] ?? '');
      const doc = dest ? ['document', 'iframe', 'frame'].includes(dest) : /(\.html?|\/[^./]*)$/i.test(url.pathname);
      wait += latencyFor(`${host}${url.pathname}${url.search}`, doc ? net.documentMs : net.resourceMs, net.seed);
    }
    if (wait) {
      const timer = setTimeout(respond, wait);
      res.on('close', () => clearTimeout(timer));
    } else {
      respond();
    }
  };

  const { httpPort, httpsPort, spki, close } = await listenLoopback(handler);
  return {
    root,
    network: net,
    httpPort,
    httpsPort,
    hosts: net ? [...hosts, REALISTIC_HOST] : hosts,
    spki,
    close,
  };
}

/** The --host-resolver-rules value that maps every fixture host here and nothing else anywhere. */
export function hostResolverRules(server: FixtureServer): string {
  const rules: string[] = [];
  for (const h of server.hosts) {
    rules.push(`MAP ${h}:443 127.0.0.1:${server.httpsPort}`, `MAP ${h}:80 127.0.0.1:${server.httpPort}`);
  }
  rules.push('MAP * ~NOTFOUND');
  return rules.join(', ');
}
