/**
 * Scanning one actor, the unit both a local scan (crawler/run/scan.ts) and a distributed worker
 * (crawler/run/worker.ts) run: `scanActor` runs the journey with the run's recorded options and
 * returns its outcome (status, error, consent, pages with snapshots, screenshots, findings and
 * detector runs, attempts); `recordActorOutcome` rolls the channels up and writes the actor in one
 * transaction. A browser that crashed mid-journey is relaunched (by `getBrowser`) and the actor
 * retried `retries` times; a crawler error with a live browser is a failed actor, not a retry.
 *
 * Deliberately ignores: scheduling, progress lines and signals (the callers' business).
 */
import type { Browser } from 'playwright';
import { runJourney, type JourneyResult, type VisitedPage } from '../journey/journey.ts';
import { rollupChannels } from '../judge/rollup.ts';
import type { Store } from '../store/store.ts';
import type { ChannelKey, ChannelResult, ConsentRecord } from '../types.ts';
import { journeyOptionsOf, type RecordedOptions } from './options.ts';
import type { Actor } from './panel.ts';

export interface ActorOutcome {
  status: JourneyResult['status'];
  error: string | null;
  consent: ConsentRecord;
  pages: VisitedPage[];
  consentEvents: string[];
  attempts: number;
  startedAt: string;
  finishedAt: string;
}

export interface ScanActorHooks {
  /** one line per page visited (debug log) */
  log?: (line: string) => void;
  /** a browser crash, worth a progress line */
  warn?: (line: string) => void;
  /** true once the scan is being stopped: no retry is started */
  stopped?: () => boolean;
}

export async function scanActor(getBrowser: () => Promise<Browser>, actor: Actor, o: RecordedOptions, hooks: ScanActorHooks = {}): Promise<ActorOutcome> {
  const startedAt = new Date().toISOString();
  const journeyOpts = journeyOptionsOf(o);
  let result: JourneyResult | null = null;
  let attempts = 0;
  while (attempts <= o.retries && !hooks.stopped?.()) {
    attempts++;
    let b: Browser | null = null;
    try {
      b = await getBrowser();
      result = await runJourney(b, actor, journeyOpts, (m) => hooks.log?.(m));
      if (b.isConnected()) break;
      hooks.warn?.(`${actor.id}: the browser crashed during the scan (attempt ${attempts})`);
    } catch (err) {
      result = { status: 'failed', error: `crawler error: ${(err as Error).message.split('\n')[0]}`, consent: { cmp: null, banner: false, rejectButton: false }, pages: [], consentEvents: [] };
      if (b?.isConnected()) break;
    }
  }
  const r = result ?? { status: 'failed' as const, error: 'crawler error: stopped before the first attempt', consent: { cmp: null, banner: false, rejectButton: false }, pages: [], consentEvents: [] };
  return { status: r.status, error: r.error, consent: r.consent, pages: r.pages, consentEvents: r.consentEvents, attempts, startedAt, finishedAt: new Date().toISOString() };
}

/** Rolls the channels up and writes the actor's whole result in one transaction; returns the channels. */
export function recordActorOutcome(store: Store, runId: string, position: number, actor: Actor, out: ActorOutcome): Record<ChannelKey, ChannelResult> {
  const channels = rollupChannels(out.pages, actor.url);
  store.saveActorResult({
    runId,
    actor,
    position,
    status: out.status,
    error: out.error,
    consent: out.consent,
    channels,
    pages: out.pages,
    startedAt: out.startedAt,
    finishedAt: out.finishedAt,
    attempts: out.attempts,
  });
  return channels;
}

/** The progress line of a recorded actor, the same for a local and a distributed scan. */
export function actorLine(n: number, total: number, actor: Actor, out: Pick<ActorOutcome, 'status' | 'error' | 'pages'>, channels: Record<ChannelKey, ChannelResult>): string {
  const present = (Object.keys(channels) as ChannelKey[]).filter((k) => channels[k].present);
  return `[${n}/${total}] ${actor.id}: ${out.status}${out.error ? ` (${out.error})` : ''}, ${out.pages.length} pages, ${present.join(' ') || 'no channel'}`;
}

export function presentChannels(channels: Record<ChannelKey, ChannelResult>): ChannelKey[] {
  return (Object.keys(channels) as ChannelKey[]).filter((k) => channels[k].present);
}
