/**
 * Watches the requests of one tab (page-level events cover its frames): records them for the
 * snapshot and tells whether the network is settled. Long-lived requests (pending longer than
 * LONG_LIVED_MS: long-polls, streams, hanging beacons) and beacon/event-stream/socket types never
 * hold the page, as real pages keep some of those open forever. Once a request turns long-lived it
 * counts as if it had never held the page: quiet is measured from the last request that ended, so
 * a page whose only open request is a long-poll is settled as soon as the long-poll is known for
 * one (not QUIET_MS later, which cost every page of a long-polling site 0.4 s more).
 * A long-poll is re-issued on every page of its site: the endpoint (origin and path) of an XHR or
 * fetch that turned long-lived is remembered for the actor (`LongLivedEndpoints`), and the same
 * endpoint never holds a later page, which would otherwise wait LONG_LIVED_MS on every page to
 * learn it again.
 * Handlers never throw: an exception in an event handler would bring the whole run down.
 */
import type { Page, Request, Response } from 'playwright';
import type { RequestRecord } from '../types.ts';
import { LONG_LIVED_MS, MAX_REQUESTS_PER_PAGE, NEVER_WAITED_TYPES } from './options.ts';

/** Request types a long-poll uses: an XHR or a fetch (scripts and documents are never taken for one). */
const POLL_TYPES = new Set(['xhr', 'fetch']);

/** The endpoint of a request: origin and path (the query of a long-poll changes at every call). */
export function endpointOf(url: string): string {
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
}

/** Endpoints of one actor's site that turned out long-lived (shared by its pages and both passes). */
export type LongLivedEndpoints = Set<string>;

export class RequestLog {
  records: RequestRecord[] = [];
  /** requests that hold the page: when each started, and its endpoint when it may be a long-poll */
  private readonly inflight = new Map<Request, { started: number; endpoint: string | null }>();
  private readonly byReq = new Map<Request, RequestRecord>();
  /** last time a counted request ended (or the log started) */
  private lastEnd = Date.now();

  private readonly onRequest = (r: Request) => {
    try {
      const now = Date.now();
      const type = r.resourceType();
      const endpoint = POLL_TYPES.has(type) ? endpointOf(r.url()) : null;
      if (!NEVER_WAITED_TYPES.has(type) && !(endpoint && this.longLived.has(endpoint))) this.inflight.set(r, { started: now, endpoint });
      if (this.records.length >= MAX_REQUESTS_PER_PAGE) return;
      const rec: RequestRecord = { url: r.url().slice(0, 2000), type, status: null };
      this.records.push(rec);
      this.byReq.set(r, rec);
    } catch {
      /* never throw from a handler */
    }
  };
  // The status comes with the response event: asking each finished request for its response()
  // would cost one more round trip to the browser per request (50–150 on a real page).
  private readonly onResponse = (res: Response) => {
    try {
      const rec = this.byReq.get(res.request());
      if (rec) rec.status = res.status();
    } catch {
      /* never throw from a handler */
    }
  };
  private readonly onDone = (r: Request) => {
    if (this.inflight.delete(r)) this.lastEnd = Date.now();
  };

  constructor(
    private readonly page: Page,
    /** the actor's long-lived endpoints: read to ignore known long-polls, filled as new ones turn long-lived */
    private readonly longLived: LongLivedEndpoints = new Set(),
  ) {
    page.on('request', this.onRequest);
    page.on('response', this.onResponse);
    page.on('requestfinished', this.onDone);
    page.on('requestfailed', this.onDone);
  }

  detach(): void {
    this.page.off('request', this.onRequest);
    this.page.off('response', this.onResponse);
    this.page.off('requestfinished', this.onDone);
    this.page.off('requestfailed', this.onDone);
  }

  /** Requests that still hold the page: in flight, and not yet long-lived (an XHR or fetch found long-lived here is remembered for the actor). */
  pending(now = Date.now()): number {
    let n = 0;
    for (const { started, endpoint } of this.inflight.values()) {
      if (now - started < LONG_LIVED_MS) n++;
      else if (endpoint) this.longLived.add(endpoint);
    }
    return n;
  }

  /**
   * How long no request has held the page: since the last counted request ended. A request in
   * flight that is not long-lived yet holds it (pending() > 0); one that is long-lived never did.
   */
  quietSince(now = Date.now()): number {
    return now - this.lastEnd;
  }
}
