/**
 * Records what one actor's journey received, one web archive per consent pass
 * (`DIR/<run id>/<actor id>/refuse.wacz`, `accept.wacz`). Attached to each pass's BrowserContext
 * right after it is created (the `archive` hook of JourneyOptions): every response of every tab
 * and frame — documents, redirects (status and headers; Playwright gives no body for them),
 * scripts, styles, XHR/fetch, media — with its request. Bodies are fetched as they arrive
 * (`response.body()`); when the pass ends, bodies still on their way get BODY_WAIT_MS more, then
 * are stored empty and marked `WARC-Truncated: time`.
 *
 * Chosen over Playwright's HAR recording (recordHar), which writes base64 bodies into one JSON
 * document at context close and would then need converting: see README "Evidence archives".
 *
 * Bounds: a per-actor cap on stored bytes (both passes together; what does not fit is stored
 * truncated, marked `WARC-Truncated: length`), media bodies (image/video/audio/font) above
 * MEDIA_BODY_CAP truncated the same way (not even fetched when their Content-Length says so),
 * and when the home page failed only the home page's own response (and its redirects) is kept,
 * with the robots.txt read just before it (without it a replay would not fail the same way).
 * Deliberately ignored: WebSocket frames, requests that never got a response (they fail again on
 * replay, as an unresolvable host), and response timings.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Request, Response } from 'playwright';
import type { ConsentPass } from '../types.ts';
import { actorArchiveDir, passArchiveFile } from './paths.ts';
import { exchangeRecords, warcinfoRecord, type Exchange, type SerializedRecord } from './warc.ts';
import { writeWacz, WARC_NAME, type WaczPage } from './wacz.ts';

/** Default per-actor cap: a 30-page journey of a heavy commercial site stays well under it. */
export const DEFAULT_ARCHIVE_MAX_MB = 50;
/** No detector reads media; a hero image is rarely above this, a video always is. */
export const MEDIA_BODY_CAP = 1024 * 1024;
/** Grace for bodies still arriving when a pass ends (long polls and streams never finish). */
export const BODY_WAIT_MS = 3000;

const MEDIA = /^(image|video|audio|font)\//i;
const SOFTWARE = 'contactability (warcio.js + yazl)';

interface Captured {
  seq: number;
  x: Exchange;
  /** first URL of its redirect chain */
  chainStart: string;
  mainFrameNavigation: boolean;
  done: boolean;
}

interface PassState {
  captured: Captured[];
  pending: Set<Promise<void>>;
  closed: boolean;
}

export interface ArchiveFile {
  pass: ConsentPass;
  file: string;
  bytes: number;
  records: number;
}

export interface JourneyOutcome {
  status: 'ok' | 'partial' | 'failed';
  pages: { pass: ConsentPass; url: string; finalUrl: string; title: string; status: number | null; snapshot: { capturedAt: string } | null }[];
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** The robots.txt the journey reads before the home page: replaying a failed home needs it too. */
function robotsUrl(home: string): string {
  try {
    return new URL('/robots.txt', home).href;
  } catch {
    return '';
  }
}

function isMainFrame(req: Request): boolean {
  try {
    return req.frame().parentFrame() === null;
  } catch {
    return false;
  }
}

export class ActorArchive {
  readonly dir: string;
  private readonly maxBytes: number;
  private used = 0;
  private seq = 0;
  private readonly passes = new Map<ConsentPass, PassState>();

  constructor(
    archiveRoot: string,
    runId: string,
    private readonly actor: { id: string; url: string },
    maxMb: number = DEFAULT_ARCHIVE_MAX_MB,
  ) {
    this.dir = actorArchiveDir(archiveRoot, runId, actor.id);
    this.maxBytes = Math.max(0, maxMb) * 1024 * 1024;
  }

  /** Bytes of bodies stored so far (both passes). */
  get storedBytes(): number {
    return this.used;
  }

  /** The journey hook: called right after the pass's context is created. */
  attach(ctx: BrowserContext, pass: ConsentPass): void {
    const state: PassState = { captured: [], pending: new Set(), closed: false };
    this.passes.set(pass, state);
    ctx.on('response', (res) => {
      if (state.closed) return;
      const p = this.capture(state, res).catch(() => undefined);
      state.pending.add(p);
      void p.finally(() => state.pending.delete(p));
    });
  }

  /** The journey hook: called when the pass ends, before its context closes. */
  async endPass(pass: ConsentPass): Promise<void> {
    const state = this.passes.get(pass);
    if (!state) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...state.pending]), new Promise((r) => (timer = setTimeout(r, BODY_WAIT_MS)))]);
    clearTimeout(timer);
    state.closed = true;
    for (const c of state.captured) {
      if (!c.done) {
        c.x.truncated = 'time';
        c.done = true;
      }
    }
  }

  private async capture(state: PassState, res: Response): Promise<void> {
    const url = res.url();
    if (!/^https?:/i.test(url)) return;
    const seq = this.seq++;
    const req = res.request();
    const date = new Date().toISOString();
    // Ask for the body at once, before any other await: the browser forgets a document's
    // resources when its page navigates on, and the journey navigates as soon as it can.
    const quick = res.headers();
    const status = res.status();
    const method = req.method();
    const redirect = status >= 300 && status < 400 && quick.location !== undefined;
    const media = MEDIA.test(quick['content-type'] ?? '');
    const tooBig = media && Number(quick['content-length'] ?? NaN) > MEDIA_BODY_CAP;
    const bodyless = redirect || status === 204 || status === 304 || method === 'HEAD';
    const bodyP: Promise<Buffer> | null = bodyless || tooBig ? null : res.body();
    bodyP?.catch(() => undefined);
    let first = req;
    for (let r = req.redirectedFrom(); r; r = r.redirectedFrom()) first = r;
    const [headers, requestHeaders] = await Promise.all([res.headersArray(), req.headersArray()]);
    const x: Exchange = {
      url,
      method,
      status,
      statusText: res.statusText(),
      headers: headers.map((h) => [h.name, h.value]),
      requestHeaders: requestHeaders.map((h) => [h.name, h.value]),
      postData: req.postDataBuffer(),
      body: Buffer.alloc(0),
      truncated: tooBig ? 'length' : null,
      date,
    };
    const c: Captured = { seq, x, chainStart: first.url(), mainFrameNavigation: req.isNavigationRequest() && isMainFrame(req), done: !bodyP };
    if (state.closed) return;
    state.captured.push(c);
    if (!bodyP) return;
    let body: Buffer;
    try {
      body = await bodyP;
    } catch {
      if (!c.done) {
        x.truncated = 'disconnect';
        c.done = true;
      }
      return;
    }
    if (c.done) return; // the pass ended first: already marked
    const limit = Math.min(media ? MEDIA_BODY_CAP : Infinity, this.maxBytes - this.used);
    if (body.length > limit) {
      body = body.subarray(0, Math.max(0, limit));
      x.truncated = 'length';
    }
    this.used += body.length;
    x.body = body;
    c.done = true;
  }

  /**
   * Writes one WACZ per pass once the journey is over. A failed home page keeps only its own
   * response and redirects, and the robots.txt read before it. Returns the files written (none when nothing was received).
   */
  async write(outcome: JourneyOutcome): Promise<ArchiveFile[]> {
    const files: ArchiveFile[] = [];
    for (const [pass, state] of this.passes) {
      if (!state.closed) await this.endPass(pass);
      let captured = [...state.captured].sort((a, b) => a.seq - b.seq);
      if (outcome.status === 'failed') {
        if (pass !== 'refuse') continue;
        const robots = robotsUrl(this.actor.url);
        captured = captured.filter((c) => c.mainFrameNavigation && (sameUrl(c.chainStart, this.actor.url) || sameUrl(c.chainStart, robots)));
      }
      if (!captured.length) continue;
      const seen = new Map<string, { id: string; date: string }>();
      const records: SerializedRecord[] = [];
      for (const c of captured) records.push(...(await exchangeRecords(c.x, seen)));
      const byUrl = new Map(captured.map((c) => [c.x.url, c.x.date]));
      const pages: WaczPage[] = outcome.pages
        .filter((p) => p.pass === pass && p.status !== null)
        .filter((p) => outcome.status !== 'failed' || sameUrl(p.url, this.actor.url))
        .map((p) => ({ url: p.finalUrl, ts: byUrl.get(p.finalUrl) ?? p.snapshot?.capturedAt ?? captured[0].x.date, title: p.title || undefined }));
      mkdirSync(this.dir, { recursive: true });
      const file = passArchiveFile(this.dir, pass);
      const created = new Date().toISOString();
      const warcinfo = await warcinfoRecord(WARC_NAME, {
        software: SOFTWARE,
        format: 'WARC File Format 1.1',
        isPartOf: `${this.actor.id} ${pass}`,
        description: `Responses received by the ${pass} consent pass of ${this.actor.url}`,
      });
      const bytes = await writeWacz(file, { warcinfo, records, pages, title: `${this.actor.id} (${pass})`, software: SOFTWARE, created });
      files.push({ pass, file, bytes, records: records.length });
    }
    return files;
  }
}
