/**
 * Builds a PageView from saved HTML for detector tests, the way the runner does from a stored
 * snapshot. Elements that a test wants hidden carry data-ct-hidden="1", as the crawler marks them.
 */
import { readFileSync } from 'node:fs';
import { buildPageView, type PageView } from '../../detectors/detector.ts';
import type { FrameSnapshot, PageSnapshot, RequestRecord, SiteContext, WidgetSnapshot } from '../../crawler/types.ts';

export interface PageOptions {
  url?: string;
  frames?: Partial<FrameSnapshot>[];
  requests?: (Partial<RequestRecord> & { url: string })[];
  globals?: string[];
  widgets?: Partial<WidgetSnapshot>[];
  site?: Partial<SiteContext>;
  depth?: number;
}

export function pageFromHtml(html: string, opts: PageOptions = {}): PageView {
  const url = opts.url ?? 'https://www.exemple-banque.fr/';
  const snapshot: PageSnapshot = {
    url,
    finalUrl: url,
    status: 200,
    depth: opts.depth ?? 0,
    path: [],
    title: '',
    html,
    frames: (opts.frames ?? []).map((f) => ({ url: '', name: '', title: '', html: null, visible: true, ...f })),
    requests: (opts.requests ?? []).map((r) => ({ type: 'script', status: 200, ...r })),
    globals: opts.globals ?? [],
    widgets: (opts.widgets ?? []).map((w) => ({ vendor: null, trigger: '', text: '', html: null, frameUrl: null, ...w })),
    pass: 'refuse',
    capturedAt: '2025-01-01T00:00:00.000Z',
  };
  const host = new URL(url).hostname;
  const site: SiteContext = {
    actorId: 'test',
    actorName: 'Exemple',
    homeUrl: `https://${host}/`,
    domain: host.replace(/^www\./, ''),
    ...opts.site,
  };
  return buildPageView(snapshot, site);
}

/** Reads test/pages/<name> (saved HTML). */
export function savedPage(name: string): string {
  return readFileSync(new URL(`../pages/${name}`, import.meta.url), 'utf8');
}
