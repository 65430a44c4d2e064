/**
 * What the crawler gathers (PageSnapshot) and what detectors say about it (Finding, with
 * Evidence): the ground-floor types every part of contactability shares. What the crawler makes
 * of findings (channel results, matrix, diff) lives in crawler/types.ts.
 */

export const CHANNELS = [
  'faq',
  'chatbot',
  'livechat',
  'phone',
  'form',
  'email',
  'social',
  'messaging',
  'secure_messaging',
  'forum',
  'mobile_app',
] as const;
export type ChannelKey = (typeof CHANNELS)[number];

/** Where a piece of evidence was seen. */
export type EvidenceSource = 'dom' | 'text' | 'script' | 'request' | 'global' | 'frame' | 'widget' | 'url' | 'header';

/**
 * One piece of evidence. `url`, `signal` and `detail` are the contract's; `source` and `selector`
 * are extensions. `signal` names the rule that fired (e.g. "tel-link", "vendor-script-host"),
 * `detail` is the exact match or a short snippet (≤ 200 characters).
 */
export interface Evidence {
  url: string;
  signal: string;
  detail: string;
  source: EvidenceSource;
  selector?: string;
  /** extension: this line is a guess (a vendor's usual product, the page's wording), not something read */
  inferred?: boolean;
}

export type PhoneKind = 'geographic' | 'mobile' | 'nongeographic' | 'tollfree' | 'premium' | 'short';

export interface PhoneNumberAttr {
  /** E.164 (+33…) or the digits of a short number (3639). */
  number: string;
  kind: PhoneKind;
  /** extension: hours stated next to this number (OSM syntax) */
  hours?: string | null;
  /** extension: the label seen near the number, e.g. "Service client" */
  label?: string;
}

/** Channel attributes a detector may set (all optional on a finding; the roll-up merges them). */
export interface ChannelAttributes {
  // faq
  search?: boolean;
  categories?: boolean;
  questionCount?: number;
  feedback?: boolean;
  linksToContact?: boolean;
  // chatbot / livechat
  vendor?: string | null;
  /**
   * extension (chatbot / livechat): how bot vs human was decided: the widget's own text (opened,
   * framed, or read on another page of the site), the vendor's product kind, the page's wording,
   * or nothing (a chat is there, its kind is unknown; reported under livechat).
   */
  classifiedBy?: 'widget-text' | 'vendor-product' | 'page-wording' | 'unknown';
  // phone
  numbers?: PhoneNumberAttr[];
  hours?: string | null;
  callback?: boolean;
  appointment?: boolean;
  accessible?: boolean;
  // form
  fields?: number;
  subjectMenu?: boolean;
  upload?: boolean;
  captcha?: boolean;
  statedDelay?: boolean;
  // email
  addresses?: string[];
  // social
  networks?: string[];
  // messaging
  apps?: string[];
  // mobile_app
  stores?: string[];
  // any channel: announced but reserved to signed-in customers
  loginGated?: boolean;
}

export interface Finding {
  /**
   * extension: `observed` when what the finding says was read on the page (an opened widget's text),
   * `inferred` when it is a guess; the roll-up lets an observation on one page replace the same
   * vendor's guesses on others. Absent: neither (a plain marker).
   */
  basis?: 'observed' | 'inferred';
  channel: ChannelKey;
  /** id of the detector that produced it */
  detector: string;
  attributes: ChannelAttributes;
  /** never empty */
  evidence: Evidence[];
  /**
   * extension: the channel itself is one activation away, at this URL (a link to the actor's forum
   * seen on this page). The roll-up then counts one more click and reports that URL.
   */
  target?: string;
}

/** One step of the click path from the home page. */
export interface PathStep {
  url: string;
  /** the link or button text that was activated to leave this page */
  label: string;
}

export interface FrameSnapshot {
  url: string;
  /** the `name` attribute / frame name */
  name: string;
  /** the `title` attribute of the <iframe> element in its parent, if any */
  title: string;
  /** rendered HTML of the frame document, or null when it could not be read */
  html: string | null;
  /** whether the <iframe> element was visible in its parent */
  visible: boolean;
}

export interface RequestRecord {
  url: string;
  /** Playwright resourceType: document, script, xhr, fetch, stylesheet, image, … */
  type: string;
  status: number | null;
}

/** Text of a widget the crawler opened the way a user would (a chat launcher clicked). */
export interface WidgetSnapshot {
  /** vendor id from the chat vendor data when the launcher matched one, else null */
  vendor: string | null;
  /** what was clicked (selector or text) */
  trigger: string;
  /** visible text of the opened widget (its frame or container), whitespace-collapsed, ≤ 4000 chars */
  text: string;
  /** the widget's HTML when in a readable container or frame (≤ 50 kB), else null */
  html: string | null;
  frameUrl: string | null;
}

/**
 * Everything a detector may read about one visited page. Serialisable (stored gzipped with the
 * run, so findings can be recomputed without a browser). Facts only a live browser knows are
 * recorded into it before it is saved:
 * - `html` is the rendered main document with open shadow roots serialised in place as
 *   `<template shadowrootmode="open">…</template>`, and every element a person cannot see marked
 *   with the attribute `data-ct-hidden="1"` (display:none, visibility:hidden, zero size,
 *   off-screen, or inside such an element). `<script>` contents are kept.
 * - `frames` are all child frames (same- and cross-origin), each with its own rendered HTML.
 */
export interface PageSnapshot {
  /** the URL that was requested */
  url: string;
  /** the URL after redirects */
  finalUrl: string;
  status: number | null;
  /** navigations from the home page along `path` (0 = home) */
  depth: number;
  path: PathStep[];
  title: string;
  html: string;
  frames: FrameSnapshot[];
  requests: RequestRecord[];
  /** names of probed JS globals that exist on the page (main frame or a child frame) */
  globals: string[];
  widgets: WidgetSnapshot[];
  /** the consent pass this page was seen in */
  pass: ConsentPass;
  /** ISO time of capture */
  capturedAt: string;
  /**
   * extension: response headers of the document (names lower-case), for bot-wall markers such as
   * `cf-mitigated`; absent in snapshots recorded before it existed
   */
  headers?: Record<string, string>;
}

export type ConsentPass = 'refuse' | 'accept';

/** What a detector knows of the actor whose site it reads (pure data). */
export interface SiteContext {
  actorId: string;
  actorName: string;
  homeUrl: string;
  /** registrable domain of the home page, e.g. "sncf-connect.com" */
  domain: string;
}

export interface ConsentRecord {
  cmp: string | null;
  banner: boolean;
  rejectButton: boolean;
}
