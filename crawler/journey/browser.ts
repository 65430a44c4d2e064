/**
 * Finds a Chromium and launches it (CONTRACT §1). Order: $CONTACTABILITY_CHROMIUM, Playwright's
 * own Chromium when it was downloaded, Debian's headless shell
 * /usr/lib/chromium/chromium-headless-shell (package chromium-headless-shell), then Debian's full
 * /usr/lib/chromium/chromium (the real binary; the /usr/bin/chromium wrapper adds extension flags
 * and a slower start), /usr/bin/chromium. When none is there and we run as root on Debian,
 * `apt-get install chromium-headless-shell` is run; otherwise one line says the exact command.
 *
 * Why the headless shell first: it is the "old" headless Chromium, which Playwright itself runs for
 * `headless: true`. The full binary in headless mode builds each context a browser window with its
 * top-chrome WebUI (an omnibox pop-up renderer, measured at ~2 s of CPU per context on Chromium 156,
 * two contexts per actor), none of which a crawler uses. Same Chromium version, same pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';
import { hostResolverRules, type FixtureServer } from '../serve/fixture-server.ts';

export class ChromiumMissingError extends Error {}

const SYSTEM_PATHS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
/** Debian's package of the headless shell (version-locked to its chromium package). */
const DEBIAN_PACKAGE = 'chromium-headless-shell';
export const INSTALL_COMMAND = `sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGE}`;

function playwrightChromium(): string | null {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function isRootOnDebian(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/etc/debian_version');
}

/** The Chromium executable to use, installing Debian's package when allowed. */
export function resolveChromium(opts: { install?: boolean; log?: (line: string) => void } = {}): string {
  const env = process.env.CONTACTABILITY_CHROMIUM;
  if (env) {
    if (existsSync(env)) return env;
    throw new ChromiumMissingError(`CONTACTABILITY_CHROMIUM=${env} does not exist`);
  }
  const own = playwrightChromium();
  if (own) return own;
  const found = SYSTEM_PATHS.find((p) => existsSync(p));
  if (found) return found;
  if (opts.install !== false && isRootOnDebian()) {
    opts.log?.(`No Chromium found: installing Debian package ${DEBIAN_PACKAGE} (apt-get install -y ${DEBIAN_PACKAGE})…`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-qq', DEBIAN_PACKAGE], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const now = SYSTEM_PATHS.find((p) => existsSync(p));
    if (now) return now;
  }
  throw new ChromiumMissingError(`No Chromium found. Run: ${INSTALL_COMMAND}`);
}

export interface LaunchOptions {
  fixtures?: FixtureServer;
  log?: (line: string) => void;
}

/** Flags that keep a closed network quiet; Playwright adds --disable-background-networking etc. */
const QUIET_ARGS = ['--disable-quic', '--no-default-browser-check', '--disable-domain-reliability', '--mute-audio'];

export async function launchBrowser(opts: LaunchOptions = {}): Promise<Browser> {
  const executablePath = resolveChromium({ log: opts.log });
  const args = [...QUIET_ARGS];
  if (opts.fixtures) {
    args.push(`--host-resolver-rules=${hostResolverRules(opts.fixtures)}`);
    args.push(`--ignore-certificate-errors-spki-list=${opts.fixtures.spki}`);
  }
  // The scan handles SIGINT/SIGTERM/SIGHUP itself (it closes the browser and stops): Playwright's
  // own handlers would close the browser under a running scan, which would then relaunch it.
  return chromium.launch({ executablePath, args, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}
