/**
 * The benchmark matrix (CONTRACT §5) of one run, or of one edition: for an edition, each actor's
 * latest finished result under that label, so re-running one actor updates the edition for that
 * actor alone. `run` then describes the edition's latest run.
 */
import { BadInputError } from '../errors.ts';
import type { ActorResultRow, RunRow, Store } from '../store/store.ts';
import { CHANNELS, type ChannelKey, type ChannelResult, type MatrixActor, type MatrixJson } from '../types.ts';

export interface MatrixRef {
  run?: string;
  edition?: string;
}

function actorOf(row: ActorResultRow): MatrixActor {
  const stored = JSON.parse(row.channels_json) as Partial<Record<ChannelKey, ChannelResult>>;
  const channels = {} as Record<ChannelKey, ChannelResult>;
  for (const k of CHANNELS) channels[k] = stored[k] ?? { present: false };
  return {
    id: row.actor_id,
    name: row.name,
    sector: row.sector,
    segment: row.segment ?? null,
    status: row.status,
    error: row.error ?? null,
    pagesVisited: row.pages_visited,
    consent: JSON.parse(row.consent_json),
    blockedBy: row.blocked_by ?? null,
    channels,
    runId: row.run_id,
    scannedAt: row.finished_at,
  };
}

function runOf(run: RunRow): MatrixJson['run'] {
  return { id: run.id, edition: run.edition, startedAt: run.started_at, finishedAt: run.finished_at };
}

/** Resolves a REF (run id or edition label) to the rows of the matrix. */
export function buildMatrix(store: Store, ref: MatrixRef = {}): MatrixJson {
  if (ref.run) {
    const run = store.getRun(ref.run);
    if (!run) throw new BadInputError(`--run ${ref.run}: unknown run`);
    return { run: runOf(run), channels: [...CHANNELS], actors: store.actorResults(run.id).map(actorOf) };
  }
  let edition = ref.edition;
  if (!edition) {
    const latest = store.latestFinishedRun();
    if (!latest) throw new BadInputError(`${store.file}: no finished run yet (scan first)`);
    edition = latest.edition;
  }
  const run = store.latestRunOfEdition(edition);
  if (!run) throw new BadInputError(`--edition ${edition}: unknown edition`);
  return { run: runOf(run), channels: [...CHANNELS], actors: store.editionActorResults(edition).map(actorOf) };
}

/** A diff REF: a run id if one exists, else an edition label. */
export function matrixOfRef(store: Store, ref: string, flag: string): MatrixJson {
  if (store.getRun(ref)) return buildMatrix(store, { run: ref });
  if (store.latestRunOfEdition(ref)) return buildMatrix(store, { edition: ref });
  throw new BadInputError(`${flag} ${ref}: unknown run or edition`);
}
