/**
 * The loopback pair every offline server of the crawler runs on (fixtures, archive replay): one
 * HTTP and one HTTPS server on 127.0.0.1, free ports, the project's self-signed certificate (the
 * browser trusts it by its SPKI hash, see browser.ts), and a close that drops open connections
 * (long-polls of the realistic network included).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const TLS_DIR = new URL('./tls/', import.meta.url);

export interface Loopback {
  httpPort: number;
  httpsPort: number;
  /** base64 sha256 of the certificate's public key, for --ignore-certificate-errors-spki-list */
  spki: string;
  close: () => Promise<void>;
}

export function certificateSpki(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export async function listenLoopback(handler: RequestListener): Promise<Loopback> {
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
  return { httpPort, httpsPort, spki: certificateSpki(cert), close: async () => void (await Promise.all([close(http), close(https)])) };
}
