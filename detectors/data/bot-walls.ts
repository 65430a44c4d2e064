/**
 * Bot-protection walls (CONTRACT §7), as data (detectors/data/bot-walls.json), checked by a schema
 * at load. One entry per service, each marker with the public source it was confirmed from and a
 * weight: `decisive` (this service's challenge or block page, e.g. `cf-mitigated: challenge`),
 * `supporting` (seen on its block pages, but a second sign is needed) or `context` (also on the
 * service's ordinary pages, such as `server: cloudflare`: kept as evidence, never decides).
 * detectors/bot-wall.ts reads every marker; the crawler reads `globals` (to probe them in the page).
 * Deliberately not here: anything to solve or evade a challenge.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}, 'invalid regular expression');

const weight = z.enum(['decisive', 'supporting', 'context']);
const common = { weight, source: z.string().min(1), group: z.string().optional() };

export const BotWallMarkerSchema = z.discriminatedUnion('kind', [
  /** a response header of the document (name lower-case); `pattern` tests its value, absent = any value */
  z.object({ kind: z.literal('header'), name: z.string().regex(/^[a-z0-9-]+$/), pattern: regex.optional(), ...common }),
  /** the document title */
  z.object({ kind: z.literal('title'), pattern: regex, ...common }),
  /** visible text of the page and its visible frames */
  z.object({ kind: z.literal('text'), pattern: regex, ...common }),
  /** a CSS selector in the main document or a frame */
  z.object({ kind: z.literal('selector'), selector: z.string().min(1), ...common }),
  /** a case-insensitive substring of a request URL, script src or iframe src */
  z.object({ kind: z.literal('url'), pattern: z.string().min(1), ...common }),
  /** a regular expression over the contents of inline <script> elements */
  z.object({ kind: z.literal('inline'), pattern: regex, ...common }),
  /** a window global probed by the crawler */
  z.object({ kind: z.literal('global'), name: z.string().min(1), ...common }),
]);
export type BotWallMarker = z.infer<typeof BotWallMarkerSchema>;

export const BotWallSchema = z.object({
  /** lower-case service name, reported as the actor's `blockedBy` */
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** `captcha`: a generic captcha interstitial, recognised only on a page with no message form */
  kind: z.enum(['wall', 'captcha']),
  /** statuses the service answers a blocked request with (recorded as evidence) */
  blockStatuses: z.array(z.number().int()).default([]),
  /** marker groups that must each match at least once (captcha: a widget and a prompt) */
  requireGroups: z.array(z.string()).default([]),
  markers: z.array(BotWallMarkerSchema).min(1),
  sources: z.array(z.string()).min(1),
});
export type BotWall = z.infer<typeof BotWallSchema>;

const FILE = new URL('./bot-walls.json', import.meta.url);
let cache: BotWall[] | null = null;

export function loadBotWalls(): BotWall[] {
  if (cache) return cache;
  const parsed = z.array(BotWallSchema).parse(JSON.parse(readFileSync(FILE, 'utf8')) as unknown);
  const ids = new Set<string>();
  for (const w of parsed) {
    if (ids.has(w.id)) throw new Error(`bot-walls.json: duplicate id ${w.id}`);
    ids.add(w.id);
    for (const g of w.requireGroups) {
      if (!w.markers.some((m) => m.group === g)) throw new Error(`bot-walls.json: ${w.id}: required group ${g} has no marker`);
    }
  }
  cache = parsed;
  return parsed;
}

/** Window globals the crawler should probe so that `global` markers can be seen. */
export function botWallGlobals(): string[] {
  return [...new Set(loadBotWalls().flatMap((w) => w.markers.flatMap((m) => (m.kind === 'global' ? [m.name] : []))))];
}
