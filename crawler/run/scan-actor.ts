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
import { ActorArchive, type ArchiveFile } from '../archive/recorder.ts';
import { runJourney, type JourneyResult, type JudgeFn } from '../journey/journey.ts';
import { rollupChannels } from '../judge/rollup.ts';
import type { Store } from '../store/store.ts';
import type { ChannelKey, ChannelResult, ConsentRecord, PageRecord } from '../types.ts';
import { journeyOptionsOf, type RecordedOptions } from './options.ts';
import type { Actor } from './panel.ts';

export interface ActorOutcome {
  status: JourneyResult['status'];
  error: string | null;
  /** the service that blocked the actor (CONTRACT §7), else null */
  blockedBy: string | null;
  consent: ConsentRecord;
  pages: PageRecord[];
  consentEvents: string[];
  attempts: number;
  startedAt: string;
  finishedAt: string;
  /** the archive files written for this actor (scan --archive) */
  archived: ArchiveFile[];
}

export interface ScanActorHooks {
  /** judges each snapshot (crawler/judge/judge-pool.ts in a scan) */
  judge: JudgeFn;
  /** the run, for the archive's folder */
  runId: string;
  /** one line per page visited (debug log) */
  log?: (line: string) => void;
  /** a browser crash, worth a progress line */
  warn?: (line: string) => void;
  /** true once the scan is being stopped: no retry is started */
  stopped?: () => boolean;
}

export async function scanActor(getBrowser: () => Promise<Browser>, actor: Actor, o: RecordedOptions, hooks: ScanActorHooks): Promise<ActorOutcome> {
  const startedAt = new Date().toISOString();
  const journeyOpts = journeyOptionsOf(o);
  let result: JourneyResult | null = null;
  let archive: ActorArchive | undefined;
  let attempts = 0;
  while (attempts <= o.retries && !hooks.stopped?.()) {
    attempts++;
    let b: Browser | null = null;
    try {
      b = await getBrowser();
      archive = o.archive ? new ActorArchive(o.archive, hooks.runId, actor, o.archiveMaxMb) : undefined;
      result = await runJourney(b, actor, { ...journeyOpts, archive }, { judge: hooks.judge, log: (m) => hooks.log?.(m) });
      if (b.isConnected()) break;
      hooks.warn?.(`${actor.id}: the browser crashed during the scan (attempt ${attempts})`);
    } catch (err) {
      result = { status: 'failed', error: `crawler error: ${(err as Error).message.split('\n')[0]}`, blockedBy: null, consent: { cmp: null, banner: false, rejectButton: false }, pages: [], consentEvents: [] };
      if (b?.isConnected()) break;
    }
  }
  const r: JourneyResult = result ?? { status: 'failed' as const, error: 'crawler error: stopped before the first attempt', blockedBy: null, consent: { cmp: null, banner: false, rejectButton: false }, pages: [], consentEvents: [] };
  let archived: ArchiveFile[] = [];
  if (archive) {
    try {
      archived = await archive.write(r);
    } catch (err) {
      hooks.warn?.(`${actor.id}: archive not written (${(err as Error).message.split('\n')[0]})`);
    }
  }
  return { status: r.status, error: r.error, blockedBy: r.blockedBy ?? null, consent: r.consent, pages: r.pages, consentEvents: r.consentEvents, attempts, startedAt, finishedAt: new Date().toISOString(), archived };
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
    blockedBy: out.blockedBy,
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
