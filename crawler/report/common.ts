/**
 * Shared helpers of the report formatters: channel labels, gating, per-sector grouping,
 * percentages, and French renderings of phone numbers and opening hours. Pure functions only.
 */
import type { ChannelKey, ChannelResult, MatrixActor, MatrixJson, PhoneKind, PhoneNumberAttr } from '../types.ts';
import { CHANNELS } from '../types.ts';

/** French labels of the channels, as the study names them. */
export const CHANNEL_LABELS_FR: Record<ChannelKey, string> = {
  faq: 'FAQ',
  chatbot: 'Chatbot',
  livechat: 'Livechat',
  phone: 'Téléphone',
  form: 'Formulaire',
  email: 'E-mail',
  social: 'Réseaux sociaux',
  messaging: 'Messagerie instantanée',
  secure_messaging: 'Messagerie sécurisée',
  forum: 'Forum',
  mobile_app: 'Application mobile',
};

export const PHONE_KIND_FR: Record<PhoneKind, string> = {
  geographic: 'géographique',
  mobile: 'mobile',
  nongeographic: 'non géographique',
  tollfree: 'gratuit',
  premium: 'surtaxé',
  short: 'numéro court',
};

export type Gating = 'open' | 'customers' | 'cookies';

/** The channel keys of the matrix, in the matrix's order (falls back to the contract's list). */
export function channelKeys(m: MatrixJson): ChannelKey[] {
  return m.channels && m.channels.length ? m.channels : [...CHANNELS];
}

export function channelOf(a: MatrixActor, key: ChannelKey): ChannelResult {
  return a.channels?.[key] ?? { present: false };
}

/**
 * CONTRACT §7: the cell text of a channel not seen on a blocked actor, e.g. "blocked (cloudflare)":
 * a bot wall is never "no channel". Null when the actor was not blocked or the channel is present.
 */
export function blockedCell(a: MatrixActor, c: ChannelResult): string | null {
  return a.blockedBy && !c.present ? `blocked (${a.blockedBy})` : null;
}

/** Whether the actor's channels were measured at all (failed actors were not). */
export function isScanned(a: MatrixActor): boolean {
  return a.status !== 'failed';
}

/**
 * One word for who can reach a present channel: `customers` when reserved to signed-in customers
 * (wins over cookies), `cookies` when found only once cookies were accepted, else `open`.
 * Null when the channel is absent.
 */
export function gatingOf(c: ChannelResult | undefined): Gating | null {
  if (!c || !c.present) return null;
  if (c.loginGated) return 'customers';
  if (c.consentGated) return 'cookies';
  return 'open';
}

/** Sectors in order of first appearance, each with its actors in panel order. */
export function groupBySector(actors: MatrixActor[]): { sector: string; actors: MatrixActor[] }[] {
  const out: { sector: string; actors: MatrixActor[] }[] = [];
  const index = new Map<string, number>();
  for (const a of actors) {
    const s = a.sector || '(sans secteur)';
    let i = index.get(s);
    if (i === undefined) {
      i = out.length;
      index.set(s, i);
      out.push({ sector: s, actors: [] });
    }
    out[i].actors.push(a);
  }
  return out;
}

export interface ChannelStats {
  /** actors whose channels were measured (status ok or partial) */
  scanned: number;
  present: number;
  open: number;
  customers: number;
  cookies: number;
  /** presence in percent of `scanned`, rounded; null when nothing was scanned */
  percent: number | null;
  /** median clicks of present cells with a known click count, or null */
  medianClicks: number | null;
}

export function channelStats(actors: MatrixActor[], key: ChannelKey): ChannelStats {
  const scanned = actors.filter(isScanned);
  let present = 0;
  let open = 0;
  let customers = 0;
  let cookies = 0;
  const clicks: number[] = [];
  for (const a of scanned) {
    const c = channelOf(a, key);
    const g = gatingOf(c);
    if (!g) continue;
    present++;
    if (g === 'open') open++;
    else if (g === 'customers') customers++;
    else cookies++;
    if (typeof c.clicks === 'number') clicks.push(c.clicks);
  }
  clicks.sort((x, y) => x - y);
  let medianClicks: number | null = null;
  if (clicks.length) {
    const mid = Math.floor(clicks.length / 2);
    medianClicks = clicks.length % 2 ? clicks[mid] : (clicks[mid - 1] + clicks[mid]) / 2;
  }
  return {
    scanned: scanned.length,
    present,
    open,
    customers,
    cookies,
    percent: scanned.length ? Math.round((present * 100) / scanned.length) : null,
    medianClicks,
  };
}

export function statusCounts(actors: MatrixActor[]): { ok: number; partial: number; failed: number } {
  const n = { ok: 0, partial: 0, failed: 0 };
  for (const a of actors) if (a.status in n) n[a.status]++;
  return n;
}

// ---- typed attribute access (ChannelResult carries attributes as unknown) ----

export function boolAttr(c: ChannelResult, name: string): boolean | undefined {
  const v = c[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function numAttr(c: ChannelResult, name: string): number | undefined {
  const v = c[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function strAttr(c: ChannelResult, name: string): string | undefined {
  const v = c[name];
  return typeof v === 'string' ? v : undefined;
}

export function strListAttr(c: ChannelResult, name: string): string[] {
  const v = c[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function phoneNumbers(c: ChannelResult): PhoneNumberAttr[] {
  const v = c['numbers'];
  if (!Array.isArray(v)) return [];
  return v.filter(
    (x): x is PhoneNumberAttr => !!x && typeof x === 'object' && typeof (x as PhoneNumberAttr).number === 'string',
  );
}

// ---- French renderings ----

/** "+33142000000" → "01 42 00 00 00"; short numbers and foreign numbers are left as they are. */
export function formatPhoneFr(number: string): string {
  const m = /^\+33(\d{9})$/.exec(number);
  if (!m) return number;
  const d = `0${m[1]}`;
  return d.replace(/(\d{2})(?=\d)/g, '$1 ');
}

const DAY_FR: Record<string, string> = {
  Mo: 'Lun',
  Tu: 'Mar',
  We: 'Mer',
  Th: 'Jeu',
  Fr: 'Ven',
  Sa: 'Sam',
  Su: 'Dim',
  PH: 'jours fériés',
};

/**
 * OpenStreetMap opening_hours → the study's style: "Mo-Fr 08:00-20:00; Sa 09:00-17:30" →
 * "Lun-Ven 8h-20h, Sam 9h-17h30". Unknown tokens are kept as they are.
 */
export function hoursFr(osm: string): string {
  if (osm.trim() === '24/7') return '24h/24, 7j/7';
  return osm
    .split(/\s*;\s*/)
    .filter(Boolean)
    .map((rule) =>
      rule
        .replace(/^PH off$/, 'fermé les jours fériés')
        .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b/g, (d) => DAY_FR[d] ?? d)
        .replace(/\b([01]?\d|2[0-4]):([0-5]\d)\b/g, (_s, h: string, mm: string) => `${Number(h)}h${mm === '00' ? '' : mm}`)
        .replace(/\boff\b/g, 'fermé'),
    )
    .join(', ');
}

/** "2025-03-14T09:05:00.000Z" → "14/03/2025 09:05 UTC" (independent of the machine's locale). */
export function dateFr(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** The click path of a channel, e.g. "Accueil → Aide → Nous contacter", or null when not recorded. */
export function clickPath(c: ChannelResult): string | null {
  if (Array.isArray(c.path) && c.path.length) return c.path.map(String).join(' → ');
  return null;
}
