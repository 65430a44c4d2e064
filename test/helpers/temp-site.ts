/**
 * Throw-away sites for journey tests: writes the given files under a temporary corpus
 * (`sites/<host>/…`, `_routes.json` included), serves it with the fixture server and launches a
 * browser that resolves every host to it. `close()` ends both.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright';
import { launchBrowser } from '../../crawler/journey/browser.ts';
import { startFixtureServer, type FixtureServer } from '../../crawler/serve/fixture-server.ts';

export interface TempSite {
  server: FixtureServer;
  browser: Browser;
  close(): Promise<void>;
}

/** `sites`: host → (path under the host's folder → content). */
export async function startTempSites(sites: Record<string, Record<string, string | Buffer>>): Promise<TempSite> {
  const root = mkdtempSync(join(tmpdir(), 'ct-site-'));
  for (const [host, files] of Object.entries(sites)) {
    for (const [path, content] of Object.entries(files)) {
      const file = join(root, 'sites', host, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  const server = await startFixtureServer(join(root, 'sites'));
  const browser = await launchBrowser({ fixtures: server });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** One host's site. */
export function startTempSite(host: string, files: Record<string, string | Buffer>): Promise<TempSite> {
  return startTempSites({ [host]: files });
}
