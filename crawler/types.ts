/**
 * The shapes of what the crawler makes of findings: per-actor channel results, the matrix and the
 * diff. The JSON shapes follow ../shared/CONTRACT.md §4–§6 exactly; fields marked "extension" are
 * additions to the contract. The page and finding types are the detectors' (detectors/types.ts),
 * re-exported here so crawler code has one place to import types from.
 */
import type { ChannelKey, ConsentPass, ConsentRecord, Evidence, Finding, PageSnapshot, PathStep } from '../detectors/types.ts';

export * from '../detectors/types.ts';

export interface ChannelResult {
  present: boolean;
  clicks?: number;
  url?: string;
  consentGated?: boolean;
  loginGated?: boolean;
  evidence?: Evidence[];
  /** extension: the click path to `url`, e.g. ["Accueil", "Aide", "Nous contacter"] */
  path?: string[];
  [attribute: string]: unknown;
}

export type ActorStatus = 'ok' | 'partial' | 'failed';

export interface MatrixActor {
  id: string;
  name: string;
  sector: string;
  segment: string | null;
  status: ActorStatus;
  error: string | null;
  pagesVisited: number;
  consent: ConsentRecord;
  /** CONTRACT §7: the bot-protection service that blocked the actor (lower-case), else null */
  blockedBy?: string | null;
  channels: Record<ChannelKey, ChannelResult>;
  /** extension: the run this actor's result comes from and when it finished */
  runId?: string;
  scannedAt?: string;
}

export interface MatrixJson {
  run: { id: string; edition: string; startedAt: string; finishedAt: string | null };
  channels: ChannelKey[];
  actors: MatrixActor[];
}

export interface DiffChange {
  actor: string;
  channel: ChannelKey | '*';
  change: 'added' | 'removed' | 'changed';
  fields?: Record<string, { before: unknown; after: unknown }>;
}

export interface DiffJson {
  from: { id: string; edition: string };
  to: { id: string; edition: string };
  changes: DiffChange[];
}

/** How one detector fared on one page: recorded per page, so "absent" is never "could not check". */
export interface DetectorRun {
  detector: string;
  version: number;
  outcome: 'found' | 'absent' | 'error';
  ms: number;
  error?: string;
}

/** A link seen on a visited page (own site), normalised, with its label and rank. */
export interface PageLinkRecord {
  url: string;
  label: string;
  kind: 'link' | 'script';
  score: number;
}

/**
 * One visited page, the single record the journey produces, the store keeps, the roll-up reads
 * and `redetect` rebuilds: where it is (url, final URL after redirects, depth, click path), what
 * happened (status, error, time), what was gathered (snapshot, screenshot, links) and what the
 * detectors said (findings, detector runs).
 */
export interface PageRecord {
  pass: ConsentPass;
  url: string;
  finalUrl: string;
  status: number | null;
  depth: number;
  path: PathStep[];
  title: string;
  error: string | null;
  snapshot: PageSnapshot | null;
  /** normalised URLs this page links to (own site), with the label of the link */
  links: PageLinkRecord[];
  findings: Finding[];
  detectorRuns: DetectorRun[];
  screenshot: Buffer | null;
  /** best link score that led here (0 for home) */
  score: number;
  ms: number;
  /** the bot-protection service whose wall this page is (lower-case, CONTRACT §7), else null */
  blockedBy?: string | null;
}

/** One actor of a panel (CONTRACT §2). */
export interface Actor {
  id: string;
  name: string;
  sector: string;
  segment: string | null;
  url: string;
}

/** A panel file, read and checked. */
export interface Panel {
  file: string;
  edition: string | undefined;
  actors: Actor[];
}
