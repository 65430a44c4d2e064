/**
 * Serves a fixture corpus's `sites/` tree (CONTRACT §3) over HTTP and HTTPS on loopback, keyed by
 * the Host header, so the browser sees the original URLs and hostnames. Chromium is pointed at it
 * with --host-resolver-rules (crawler/browser.ts): each hostname that has a folder is mapped here,
 * every other one fails as unresolvable, so nothing reaches the network.
 *
 * Chosen over Playwright's context.route, which does not route the follow-up of a fulfilled
 * redirect and is bypassed by service workers (../shared/research/derisk.md §2).
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface RouteRule {
  delayMs?: number;
  status?: number;
  location?: string;
  headers?: Record<string, string>;
}

export interface FixtureServer {
  root: string;
  httpPort: number;
  httpsPort: number;
  /** hostnames that have a folder under root */
  hosts: string[];
  /** base64 sha256 of the certificate's public key, for --ignore-certificate-errors-spki-list */
  spki: string;
  close(): Promise<void>;
}

const TLS_DIR = new URL('./tls/', import.meta.url);

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

export function certificateSpki(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export async function startFixtureServer(root: string): Promise<FixtureServer> {
  const hosts = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name.toLowerCase());
  const routes = new Map<string, Record<string, RouteRule>>();
  for (const h of hosts) routes.set(h, loadRoutes(join(root, h)));

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!routes.has(host)) {
      // Unknown host: behave like a connection that never resolved.
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
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
      res.writeHead(rule?.status ?? 200, { 'content-type': contentType(file), 'cache-control': 'no-cache', ...extra });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    };
    if (rule?.delayMs) {
      const timer = setTimeout(respond, rule.delayMs);
      res.on('close', () => clearTimeout(timer));
    } else {
      respond();
    }
  };

  const cert = readFileSync(new URL('fixture-cert.pem', TLS_DIR), 'utf8');
  const key = readFileSync(new URL('fixture-key.pem', TLS_DIR), 'utf8');
  const http = createHttpServer(handler);
  const https = createHttpsServer({ cert, key }, handler);
  const listen = (s: Server) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const [httpPort, httpsPort] = await Promise.all([listen(http), listen(https)]);
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections?.();
      s.close(() => resolve());
    });
  return {
    root,
    httpPort,
    httpsPort,
    hosts,
    spki: certificateSpki(cert),
    close: async () => {
      await Promise.all([close(http), close(https)]);
    },
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
