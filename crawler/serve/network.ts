/**
 * The simulated networks of the fixture server (issue 10): `realistic` behaves the way corporate
 * sites do (documents in 250–700 ms, sub-resources in 60–250 ms, drawn from a hash of the URL so
 * runs are comparable; an analytics tag on every HTML page sending a beacon every 1.5 s; a
 * never-ending long-poll on every second host), `heavy` adds the weight of real pages (script work,
 * elements, images). A corpus can set it in `_network.json`. The fixture server serves what is
 * described here; deliberately not simulated: bandwidth, packet loss, websockets.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
export function longPolls(net: NetworkProfile, hosts: string[], host: string): boolean {
  if (!net.longPollEveryNthHost) return false;
  const i = [...hosts].sort().indexOf(host);
  return i >= 0 && i % net.longPollEveryNthHost === net.longPollEveryNthHost - 1;
}

/**
 * The analytics tag: a beacon every `everyMs`, optionally a long-poll restarted when it ends, and on
 * the heavy network the weight of a real page (script time, elements, tracking images).
 */
export function beaconScript(net: NetworkProfile, longPoll: boolean): string {
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
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Adds the analytics tag before the last </body> (or at the end). */
export function injectBeacon(html: string, src: string): string {
  const tag = `<script src="${src}" async></script>`;
  const i = html.toLowerCase().lastIndexOf('</body>');
  return i >= 0 ? `${html.slice(0, i)}${tag}${html.slice(i)}` : `${html}${tag}`;
}

