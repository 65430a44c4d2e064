/**
 * Capture: turns the live page into a PageSnapshot (what detectors read: rendered HTML with open
 * shadow roots and visibility marks, every frame, requests, probed globals, opened widgets), plus
 * the links it offers, ranked (for the crawl and the clicks-to-contact graph), and the buttons that
 * may navigate by script. One snapshot evaluation per frame.
 */
import type { Frame, Page } from 'playwright';
import type { Detector, SnapshotInput } from '../../detectors/detector.ts';
import type { FrameSnapshot, PageSnapshot, PathStep, ConsentPass, PageLinkRecord, WidgetSnapshot } from '../types.ts';
import { withTimeout } from './bounds.ts';
import { evaluateInPage } from './in-page.ts';
import { rankLinks, textScore, type RawLink } from './links.ts';
import { FRAME_SNAPSHOT_EVAL_MS, MAX_FRAME_HTML, MAX_FRAMES, SCRIPT_NAV_MIN_SCORE, SCRIPT_NAV_PER_PAGE, SNAPSHOT_EVAL_MS } from './options.ts';
import type { RequestLog } from './requests.ts';

/** The snapshot inputs `capture` fills in (checked against what detectors declare they read). */
export const GATHERED_INPUTS: readonly SnapshotInput[] = ['html', 'frames', 'requests', 'globals', 'widgets', 'title', 'headers'];

/** The JS globals to probe on every page: exactly those the detectors declare. */
export function probedGlobals(detectors: Detector[]): string[] {
  return [...new Set(detectors.flatMap((d) => d.globals ?? []))].sort();
}

/** A button without href that may navigate by script, tagged data-ct-nav="<id>" in the live page. */
export interface ScriptNavButton {
  id: string;
  text: string;
  score: number;
}

export interface Capture {
  snapshot: PageSnapshot;
  links: PageLinkRecord[];
  scriptNav: ScriptNavButton[];
}

interface InPageSnapshot {
  html: string;
  title: string;
  links: RawLink[];
  scriptNav: { id: string; text: string; region: string }[];
  globals: string[];
}

/** Where the page sits in the journey, copied into its snapshot. */
export interface PagePlace {
  url: string;
  status: number | null;
  depth: number;
  path: PathStep[];
  pass: ConsentPass;
  headers?: Record<string, string>;
}

export async function capture(page: Page, place: PagePlace, reqs: RequestLog, widgets: WidgetSnapshot[], globalsToProbe: string[], domain: string): Promise<Capture> {
  const args = { globals: globalsToProbe };
  const main = await withTimeout(evaluateInPage<InPageSnapshot>(page, 'snapshot', args), SNAPSHOT_EVAL_MS, 'page snapshot');
  const frames: FrameSnapshot[] = [];
  const globals = new Set(main.globals);
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const fr = await readFrame(f, args);
    for (const g of fr.globals) globals.add(g);
    frames.push(fr.snapshot);
    if (frames.length >= MAX_FRAMES) break;
  }
  const snapshot: PageSnapshot = {
    url: place.url,
    finalUrl: page.url(),
    status: place.status,
    depth: place.depth,
    path: place.path,
    title: main.title,
    html: main.html,
    frames,
    requests: reqs.records,
    globals: [...globals].sort(),
    widgets,
    pass: place.pass,
    capturedAt: new Date().toISOString(),
  };
  if (place.headers) snapshot.headers = place.headers;
  // Hidden links count: mega-menu entries are one hover away and cost no navigation.
  const links = linkRecords(main.links, domain);
  const scriptNav = main.scriptNav
    .map((s) => ({ id: s.id, text: s.text, score: textScore(s.text) }))
    .filter((s) => s.score >= SCRIPT_NAV_MIN_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, SCRIPT_NAV_PER_PAGE);
  return { snapshot, links, scriptNav };
}

/**
 * The element holding a frame, read in its parent page: its title (when `withTitle`), and whether
 * it is shown with a box over `minPx` each way. Each call is bounded: a busy parent must not hold
 * the crawl. Used for the snapshot's frames and for the frames of opened chat widgets (widgets.ts).
 */
export async function frameElementInfo(f: Frame, minPx: number, withTitle: boolean): Promise<{ title: string; visible: boolean }> {
  const el = await withTimeout(f.frameElement(), 2000, 'frame element');
  try {
    const title = withTitle ? ((await withTimeout(el.getAttribute('title'), 2000, 'frame title')) ?? '') : '';
    const box = await withTimeout(el.boundingBox(), 2000, 'frame box');
    return { title, visible: !!box && box.width > minPx && box.height > minPx && (await withTimeout(el.isVisible(), 2000, 'frame visible')) };
  } finally {
    await el.dispose().catch(() => undefined);
  }
}

/**
 * One child frame: its element read in the parent (title, visibility), its document read in the
 * frame itself. The two are independent: on a page whose main thread is busy (heavy scripts), the
 * parent can miss the element's 2-s bounds while the frame, often in its own process, still answers;
 * the frame's document is then read all the same (seen on the heavy network: an embedded contact
 * form lost with its frame), and whether it shows is taken from its own viewport (a frame hidden
 * with display:none or sized 0 has none). Exported for tests.
 */
export async function readFrame(f: Frame, args: { globals: string[] }): Promise<{ snapshot: FrameSnapshot; globals: string[] }> {
  const fr: FrameSnapshot = { url: f.url(), name: f.name(), title: '', html: null, visible: false };
  const el = await frameElementInfo(f, 1, true).catch(() => null);
  if (el) Object.assign(fr, el);
  try {
    const got = await withTimeout(evaluateInPage<InPageSnapshot>(f, 'snapshot', args), FRAME_SNAPSHOT_EVAL_MS, 'frame snapshot');
    fr.html = got.html.slice(0, MAX_FRAME_HTML);
    if (!el) fr.visible = (await withTimeout(f.evaluate('innerWidth > 1 && innerHeight > 1'), 2000, 'frame viewport').catch(() => false)) === true;
    return { snapshot: fr, globals: got.globals };
  } catch {
    return { snapshot: fr, globals: [] }; // detached or unreadable frame: keep what we have
  }
}

/**
 * The links of a page as they stand now, ranked as `capture` ranks them (no HTML, no script
 * buttons): read on a home page once it settled, so that its best link can be visited while the
 * home page dwells.
 */
export async function earlyLinks(page: Page, domain: string): Promise<PageLinkRecord[]> {
  const got = await withTimeout(evaluateInPage<Pick<InPageSnapshot, 'links'>>(page, 'snapshot', { linksOnly: true }), SNAPSHOT_EVAL_MS, 'page links');
  return linkRecords(got.links, domain);
}

/** A page's raw links, ranked, as the page record keeps them. */
function linkRecords(raw: RawLink[], domain: string): PageLinkRecord[] {
  return rankLinks(raw, domain).map((c) => ({ url: c.url, label: c.label, kind: c.kind, score: c.score }));
}

/** Re-tags the script buttons of a page reloaded to click the next one (no globals, no frames). */
export async function retagScriptButtons(page: Page): Promise<void> {
  await withTimeout(evaluateInPage(page, 'snapshot', { globals: [] }), SNAPSHOT_EVAL_MS, 'page snapshot');
}
