/**
 * A throw-away site for journey tests: writes the given files under a temporary corpus
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

/** `files`: path under the host's folder → content. */
export async function startTempSite(host: string, files: Record<string, string>): Promise<TempSite> {
  const root = mkdtempSync(join(tmpdir(), 'ct-site-'));
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, 'sites', host, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
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
