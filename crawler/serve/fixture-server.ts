/**
 * Serves a fixture corpus's `sites/` tree (CONTRACT §3) over HTTP and HTTPS on loopback, keyed by
 * the Host header, so the browser sees the original URLs and hostnames. Chromium is pointed at it
 * with --host-resolver-rules (crawler/browser.ts): each hostname that has a folder is mapped here,
 * every other one fails as unresolvable, so nothing reaches the network.
 *
 * Chosen over Playwright's context.route, which does not route the follow-up of a fulfilled
 * redirect and is bypassed by service workers (../shared/research/derisk.md §2).
 *
 * Network modes (issue 10): `quiet` (default) answers at once; `realistic` (option `network`, or a
 * corpus-level `_network.json` such as `{ "profile": "realistic" }` or explicit numbers) behaves the
 * way corporate sites do: documents answer in 250–700 ms and sub-resources in 60–250 ms, the delay
 * drawn from a hash of the URL (deterministic, so runs are comparable); every HTML page gets an
 * analytics tag (a beacon every 1.5 s) and, on every second host, a long-poll that never completes.
 * `heavy` is the realistic network with the weight of real pages on top: the tag also runs 700 ms of
 * script at load (a fixed amount of work), adds 3,000 hidden elements and requests 80 images from the
 * page's own host (real corporate pages: 50–150 requests and seconds of script, issue 10). The tag and its endpoints are
 * served here under REALISTIC_HOST. Deliberately not simulated: bandwidth, packet loss, websockets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { certificateSpki, listenLoopback } from './loopback.ts';

export interface RouteRule {
  delayMs?: number;
  status?: number;
  location?: string;
  headers?: Record<string, string>;
}

/** How the simulated network behaves (null = quiet: every answer at once, nothing injected). */
export interface NetworkProfile {
  /** latency of documents (pages and frames), ms, [min, max] */
  documentMs: [number, number];
  /** latency of sub-resources (scripts, styles, images, XHR), ms, [min, max] */
  resourceMs: [number, number];
  /** the injected analytics tag sends a beacon this often, ms (0 = no tag) */
  beaconEveryMs: number;
  /** every n-th host (in sorted order) also keeps a long-poll open forever (0 = none) */
  longPollEveryNthHost: number;
  /** mixed into the latency hash: another seed, other (still deterministic) delays */
  seed: number;
  /** the tag's script work when it runs, in ms of one core of the bench machine (SCRIPT_STEPS_PER_MS; 0 = none) */
  pageScriptMs?: number;
  /** hidden elements the tag adds to the page */
  extraNodes?: number;
  /** images the tag requests from the page's own host (HEAVY_IMAGE_PATH), each with a sub-resource's latency */
  imagesPerPage?: number;
}

/** Figures from issue 10: corporate pages in hundreds of ms, an analytics beacon every 1.5 s. */
export const REALISTIC_NETWORK: NetworkProfile = { documentMs: [250, 700], resourceMs: [60, 250], beaconEveryMs: 1500, longPollEveryNthHost: 2, seed: 0 };
/** The realistic network with real pages' weight: 700 ms of script, 3,000 more elements and 80 more requests per page. */
export const HEAVY_NETWORK: NetworkProfile = { ...REALISTIC_NETWORK, pageScriptMs: 700, extraNodes: 3000, imagesPerPage: 80 };

export type NetworkOption = 'quiet' | 'realistic' | 'heavy' | NetworkProfile;
/** The named network modes (`--fixtures-network`). */
export const NETWORK_MODES = ['quiet', 'realistic', 'heavy'] as const;
const PROFILES: Record<string, NetworkProfile> = { realistic: REALISTIC_NETWORK, heavy: HEAVY_NETWORK };

/** The synthetic analytics host the realistic network injects (served by this server). */
export const REALISTIC_HOST = 'analytics.realistic.invalid';

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

/** A network option, or the corpus's `_network.json` when no option is given. */
export function resolveNetwork(root: string, option?: NetworkOption | null): NetworkProfile | null {
  let o: unknown = option;
  if (o === undefined || o === null) {
    const file = join(root, '_network.json');
    if (!existsSync(file)) return null;
    try {
      o = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
    }
    const p = (o as { profile?: string }).profile;
    if (p === 'quiet') return null;
    if (p && !PROFILES[p]) throw new Error(`${file}: profile must be ${NETWORK_MODES.join(', ')} (got ${p})`);
    o = p ? { ...PROFILES[p], ...(o as object), profile: p } : o;
  }
  if (o === 'quiet') return null;
  if (typeof o === 'string') {
    if (!PROFILES[o]) throw new Error(`network: must be ${NETWORK_MODES.join(', ')} (got ${o})`);
    return { ...PROFILES[o] };
  }
  const n = { ...REALISTIC_NETWORK, ...(o as Partial<NetworkProfile>) };
  for (const [k, r] of [['documentMs', n.documentMs], ['resourceMs', n.resourceMs]] as const) {
    if (!Array.isArray(r) || r.length !== 2 || !(r[0] >= 0) || !(r[1] >= r[0])) throw new Error(`network: ${k} must be [min, max] with 0 ≤ min ≤ max`);
  }
  return n;
}

/** A delay in [min, max] drawn from a hash of the URL: the same URL always waits the same time. */
export function latencyFor(url: string, range: [number, number], seed = 0): number {
  const h = createHash('sha256').update(`${seed}|${url}`).digest();
  const frac = h.readUInt32BE(0) / 0x1_0000_0000;
  return Math.round(range[0] + frac * (range[1] - range[0]));
}

/** Does this host keep a long-poll open (every n-th host of the sorted list)? */
function longPolls(net: NetworkProfile, hosts: string[], host: string): boolean {
  if (!net.longPollEveryNthHost) return false;
  const i = [...hosts].sort().indexOf(host);
  return i >= 0 && i % net.longPollEveryNthHost === net.longPollEveryNthHost - 1;
}

/**
 * The analytics tag: a beacon every `everyMs`, optionally a long-poll restarted when it ends, and on
 * the heavy network the weight of a real page (script time, elements, tracking images).
 */
function beaconScript(net: NetworkProfile, longPoll: boolean): string {
  const base = `https://${REALISTIC_HOST}`;
  return `(function () {
  ${net.pageScriptMs ? `for (var k = 0, x = 0; k < ${Math.round(net.pageScriptMs * SCRIPT_STEPS_PER_MS)}; k++) x += Math.sqrt(x + k); window.__heavyTag = x;` : ''}
  ${net.extraNodes ? `var box = document.createElement('div'); box.hidden = true; for (var i = 0; i < ${net.extraNodes}; i++) { var s = document.createElement('span'); s.textContent = 'item ' + i; box.appendChild(s); } (document.body || document.documentElement).appendChild(box);` : ''}
  ${net.imagesPerPage ? `for (var j = 0; j < ${net.imagesPerPage}; j++) { var im = new Image(1, 1); im.src = '${HEAVY_IMAGE_PATH}?i=' + j + '&u=' + encodeURIComponent(location.pathname); }` : ''}
  var send = function () { try { navigator.sendBeacon('${base}/collect', JSON.stringify({ u: location.href, t: Date.now() })); } catch (e) {} };
  ${net.beaconEveryMs ? `send();
  setInterval(send, ${net.beaconEveryMs});` : ''}
  ${longPoll ? `var poll = function () { fetch('${base}/poll?h=' + encodeURIComponent(location.hostname), { mode: 'no-cors', credentials: 'omit', cache: 'no-store' }).then(poll, function () { setTimeout(poll, 1000); }); };
  poll();` : ''}
})();
`;
}

/**
 * The heavy tag's script is a fixed amount of work, as a real page's script is, not a fixed time: a
 * loop timed by the clock would use less CPU the busier the machine, and hide the cost of running
 * pages side by side. Steps of its loop per ms of one core, measured in Chromium on the bench
 * machine (2-vCPU AMD EPYC: 6·10⁷ steps in 435 ms); a faster machine runs it in less time.
 */
export const SCRIPT_STEPS_PER_MS = 140_000;

/**
 * The heavy network's images are served by each site's own host under this path, as a real site
 * serves its images from its own domain or CDN: one shared host would queue every site's images
 * behind the browser's six connections per host, which no real page does.
 */
export const HEAVY_IMAGE_PATH = '/__heavy/img.gif';

/** A 1×1 transparent GIF: the image of the heavy network. */
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Adds the analytics tag before the last </body> (or at the end). */
export function injectBeacon(html: string, src: string): string {
  const tag = `<script src="${src}" async></script>`;
  const i = html.toLowerCase().lastIndexOf('</body>');
  return i >= 0 ? `${html.slice(0, i)}${tag}${html.slice(i)}` : `${html}${tag}`;
}

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
