/**
 * The shapes of what the crawler makes of findings: per-actor channel results, the matrix and the
 * diff. The JSON shapes follow ../shared/CONTRACT.md §4–§6 exactly; fields marked "extension" are
 * additions to the contract. The page and finding types are the detectors' (detectors/types.ts),
 * re-exported here so crawler code has one place to import types from.
 */
import type { ChannelKey, ConsentRecord, Evidence } from '../detectors/types.ts';

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
