/**
 * Consent platforms (CMPs), as data (consent-platforms.json, one public source per platform),
 * checked by a zod schema at load. Used to name the platform in the consent record and to map
 * autoconsent's rule names onto our ids. Per platform: DOM `selectors` and `globals` (dotted paths
 * allowed: `tC.privacy`) that say it is present, `scripts` (host suffixes or file names of its
 * script), the first layer's `containers`, and its first-layer refusal buttons (`rejectButtons`).
 * Deliberately not here: a tag manager's global (TagCommander's bare `tC`) — a tag manager is
 * not a consent platform; in-house cookie notices (they have no platform: cmp null).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}, 'invalid regular expression');

export const ConsentPlatformSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** any of these in the DOM means the platform is present */
  selectors: z.array(z.string()).default([]),
  /** window globals (dotted paths allowed) the platform defines */
  globals: z.array(z.string()).default([]),
  /** substrings of a <script src> that load the platform (host suffixes, file names) */
  scripts: z.array(z.string()).default([]),
  /** visible banner containers of the first layer */
  containers: z.array(z.string()).min(1),
  /** the platform's own one-click refusal buttons on the first layer (text matching also applies) */
  rejectButtons: z.array(z.string()).default([]),
  /** the platform's own first-layer acceptance buttons (used by the accept pass when autoconsent does not act) */
  acceptButtons: z.array(z.string()).default([]),
  /** regular expressions (case-insensitive) matching autoconsent's rule names for it */
  autoconsentNames: z.array(regexSource).min(1),
  sources: z.array(z.string()).min(1),
});
export type ConsentPlatformData = z.infer<typeof ConsentPlatformSchema>;
export interface ConsentPlatform extends ConsentPlatformData {
  autoconsentName: RegExp;
}

function load(): ConsentPlatform[] {
  const raw = JSON.parse(readFileSync(new URL('./consent-platforms.json', import.meta.url), 'utf8')) as unknown;
  const parsed = z.array(ConsentPlatformSchema).parse(raw);
  const ids = new Set<string>();
  for (const p of parsed) {
    if (ids.has(p.id)) throw new Error(`consent-platforms.json: duplicate id ${p.id}`);
    ids.add(p.id);
  }
  return parsed.map((p) => ({ ...p, autoconsentName: new RegExp(p.autoconsentNames.join('|'), 'i') }));
}

export const CONSENT_PLATFORMS: ConsentPlatform[] = load();

/** Our id for an autoconsent rule name, or null (heuristic, site-specific and unknown rules). */
export function platformFromAutoconsent(name: string | null | undefined): string | null {
  if (!name) return null;
  return CONSENT_PLATFORMS.find((p) => p.autoconsentName.test(name))?.id ?? null;
}
