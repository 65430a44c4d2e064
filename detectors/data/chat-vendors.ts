/**
 * Chat vendor knowledge, as data (detectors/data/chat-vendors.json), checked by a schema at load.
 * One entry per vendor, each with the public sources it was confirmed from. The chat-widget
 * detector reads every marker; the crawler reads `globals` (to probe them in the live page),
 * `launchers` (to open the widget the way a user would) and `scriptHosts` (to wait longer on pages
 * that load a chat script). Adding a vendor is adding an entry and a fixture, not code.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const ChatVendorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** what the product usually is; the page's widget text decides per site */
  kind: z.enum(['chatbot', 'livechat', 'both']),
  /** host names or host suffixes of the vendor's scripts and endpoints ("iadvize.com" matches "halc.iadvize.com") */
  scriptHosts: z.array(z.string()).default([]),
  /** substrings of a request URL that identify the vendor on any host (self-hosted paths, CDN file names) */
  scriptPaths: z.array(z.string()).default([]),
  /**
   * optional: regular expressions (source text, case-insensitive) tested on request and script URLs,
   * for vendors whose script URL is only recognisable by its shape (Salesforce MIAW's
   * https://<org>.my.site.com/ESW<deployment>/assets/js/bootstrap.min.js)
   */
  scriptPatterns: z
    .array(
      z.string().refine((s) => {
        try {
          new RegExp(s, 'i');
          return true;
        } catch {
          return false;
        }
      }, 'invalid regular expression'),
    )
    .default([]),
  /** window globals the vendor's loader or script defines */
  globals: z.array(z.string()).default([]),
  /** CSS selectors of the widget's DOM (containers, custom elements) */
  selectors: z.array(z.string()).default([]),
  /** substrings of an iframe's src URL, or of its title attribute, that identify the widget frame */
  iframes: z.array(z.string()).default([]),
  /** CSS selectors of the launcher button a user clicks to open the widget */
  launchers: z.array(z.string()).default([]),
  /**
   * markers (entries of `selectors`, `globals` or `iframes`) that are weak evidence: a generic id or
   * class prefix (`[id^='tolk']`, `.lp_desktop`, `jdiv`) or a common word used as a global
   * (`drift`, `Intercom`). Recorded, never enough alone: a finding also needs a vendor request, a
   * strong global, a vendor script or a strong DOM marker.
   */
  weakMarkers: z.array(z.string()).default([]),
  /** public sources the facts were confirmed from (see ../shared/research/vendors.md) */
  sources: z.array(z.string()).min(1),
}).superRefine((v, ctx) => {
  for (const m of v.weakMarkers) {
    if (![...v.selectors, ...v.globals, ...v.iframes].includes(m)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${v.id}: weak marker ${m} is not one of its selectors, globals or iframes` });
    }
  }
});
export type ChatVendor = z.infer<typeof ChatVendorSchema>;

const FILE = new URL('./chat-vendors.json', import.meta.url);

let cache: ChatVendor[] | null = null;

export function loadChatVendors(): ChatVendor[] {
  if (cache) return cache;
  const raw = JSON.parse(readFileSync(FILE, 'utf8')) as unknown;
  const parsed = z.array(ChatVendorSchema).parse(raw);
  const ids = new Set<string>();
  for (const v of parsed) {
    if (ids.has(v.id)) throw new Error(`chat-vendors.json: duplicate id ${v.id}`);
    ids.add(v.id);
  }
  cache = parsed;
  return parsed;
}

/** Does `host` equal `pattern` or end with ".pattern"? */
export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return h === p || h.endsWith(`.${p}`);
}
