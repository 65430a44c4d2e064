/**
 * The coordinator of a distributed scan (`scan … --queue redis://HOST:PORT`, CONTRACT §8): the run
 * is recorded in SQLite exactly as a local scan records it (crawler/run/scan.ts), then one BullMQ
 * job per actor is enqueued with the id `<run id>/<actor id>` (adding it again is a no-op, so a
 * resumed coordinator never enqueues an actor twice) and each actor's outcome is written in one
 * transaction as it arrives; only the coordinator writes SQLite, and an actor already recorded is
 * skipped. Outcomes arrive through QueueEvents, and a poll of the pending jobs' states catches what
 * the events missed (events published while the coordinator was down are not replayed).
 *
 * `scan --resume` of a distributed run (its queue URL is in the recorded options) calls coordinate()
 * again: results completed meanwhile are read from their jobs and recorded, actors without a job
 * (never enqueued, or lost by a Redis restarted without persistence) are enqueued again, and jobs a
 * worker refused for its version are enqueued afresh. A job that failed for good (its tries used up,
 * or its worker killed MAX_STALLED_COUNT times) is recorded as a failed actor with the last error.
 *
 * Deliberately ignores: progress of individual pages (workers log them), cancelling queued jobs on a
 * stop (they run and wait in Redis for `scan --resume`).
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Store } from '../store/store.ts';
import type { RecordedOptions } from './options.ts';
import type { Actor, Panel } from './panel.ts';
import {
  CRAWLER_VERSION,
  JOB_ATTEMPTS,
  JOB_BACKOFF_MS,
  KEEP_FINISHED_S,
  POLL_INTERVAL_MS,
  QUEUE_NAME,
  VERSION_REFUSAL,
  checkQueue,
  decodeOutcome,
  jobIdOf,
  bullmqConnection,
  redisConnection,
  type ActorJobData,
  type ActorJobReturn,
} from './queue.ts';
import type { RespClient } from './queue.ts';
import { actorLine, presentChannels, recordActorOutcome, type ActorOutcome } from './scan-actor.ts';
import { actorsToScan, bounded, reasonOf, runLogger, ScanStopped, type ScanIO, type ScanStatus } from './scan.ts';

/** The queue URL checked (reachable, answers PING), as it will be recorded; else BadInputError. */
export async function checkQueueUrl(url: string, flag: string): Promise<string> {
  await checkQueue(url, flag);
  return url;
}

/** A worker of another version refused the run's jobs: upgrade, then `scan --resume`. */
export class VersionMismatchError extends Error {}

export async function coordinate(store: Store, runId: string, panel: Panel, o: RecordedOptions, io: ScanIO): Promise<void> {
  const progress = io.progress ?? (() => undefined);
  const logger = runLogger(store, runId);
  const target = (await import('./queue.ts')).parseQueueUrl(o.queue!);
  // enqueued longest first: workers take jobs in the order they were added (start-order.ts)
  const { wanted, done, todo } = actorsToScan(store, runId, panel, o.actors, progress);
  const t0 = Date.now();
  const counts = { ok: 0, partial: 0, failed: 0 };
  let recorded = 0;
  const status: ScanStatus = { total: wanted.length, done: done.size, failed: 0, running: 0, pages: 0 };
  const report = () => io.onStatus?.({ ...status });

  const own: RespClient = redisConnection(target);
  const clients = [bullmqConnection(target), bullmqConnection(target)];
  const queue = new Queue<ActorJobData, ActorJobReturn>(QUEUE_NAME, { connection: clients[0] as never });
  const events = new QueueEvents(QUEUE_NAME, { connection: clients[1] as never });
  // The Redis connection dropping is retried by BullMQ; say so once per drop, never crash on it.
  queue.on('error', (err) => logger.warn({ err: err.message }, 'queue connection error'));
  events.on('error', (err) => logger.warn({ err: err.message }, 'queue events connection error'));

  const pending = new Map<string, Actor>();
  let finish: (err?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (err?: Error) => (err ? reject(err) : resolve());
  });
  const abort = () => finish(new ScanStopped(runId, reasonOf(io.signal)));
  io.signal?.addEventListener('abort', abort, { once: true });
  let poller: NodeJS.Timeout | null = null;

  const jobData = (actor: Actor): ActorJobData => ({ crawler: CRAWLER_VERSION, runId, actor, position: panel.actors.findIndex((a) => a.id === actor.id), options: o });
  const enqueue = async (actors: Actor[]) => {
    if (!actors.length) return;
    await queue.addBulk(
      actors.map((actor) => ({
        name: 'actor',
        data: jobData(actor),
        opts: {
          jobId: jobIdOf(runId, actor.id),
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
          removeOnComplete: { age: KEEP_FINISHED_S },
          removeOnFail: { age: KEEP_FINISHED_S },
        },
      })),
    );
    logger.info({ actors: actors.map((a) => a.id) }, 'enqueued');
  };

  /** The outcome of a finished job; 'waiting' when it is not final (an event can announce a try that will be retried). */
  const outcomeOf = async (jobId: string): Promise<ActorOutcome | 'refused' | 'waiting' | null> => {
    const job = await queue.getJob(jobId);
    if (!job) return null;
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed') return 'waiting';
    if (state === 'completed') {
      const rv = job.returnvalue;
      if ('outcome' in rv) return decodeOutcome(rv.outcome);
      const s = (await own.send('GET', [rv.key])) as string | null;
      if (s === null) throw new Error(`result key ${rv.key} is missing (expired?)`);
      return decodeOutcome(s);
    }
    if (job.failedReason?.startsWith(VERSION_REFUSAL)) return 'refused';
    const now = new Date().toISOString();
    return {
      status: 'failed',
      error: `worker error: ${(job.failedReason ?? 'unknown').split('\n')[0]}`,
      blockedBy: null,
      archived: [],
      consent: { cmp: null, banner: false, rejectButton: false },
      pages: [],
      consentEvents: [],
      attempts: job.attemptsMade,
      startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : now,
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : now,
    };
  };

  /** A job reached a final state: record its actor once (`settling` keeps one settle per job at a time). */
  const settling = new Set<string>();
  const settle = async (jobId: string) => {
    const actor = pending.get(jobId);
    if (!actor || settling.has(jobId)) return;
    settling.add(jobId);
    try {
      let out: ActorOutcome | 'refused' | 'waiting' | null;
      try {
        out = await outcomeOf(jobId);
      } catch (err) {
        logger.warn({ job: jobId, err: (err as Error).message }, 'cannot read the job result; the next poll retries');
        return;
      }
      if (out === 'waiting') return;
      if (out === 'refused') {
        const job = await queue.getJob(jobId);
        finish(new VersionMismatchError(`${job?.failedReason ?? VERSION_REFUSAL}. Run the same contactability version everywhere, then: contactability scan --resume ${runId} --db ${store.file}`));
        return;
      }
      if (out === null) {
        // The job vanished (Redis restarted without persistence, or removed by hand): enqueue again.
        logger.warn({ job: jobId }, 'job not found in the queue: enqueued again');
        await enqueue([actor]);
        return;
      }
      if (!store.actorIdsDone(runId).has(actor.id)) {
        const channels = recordActorOutcome(store, runId, panel.actors.findIndex((a) => a.id === actor.id), actor, out);
        recorded++;
        counts[out.status]++;
        status.done++;
        if (out.status === 'failed') status.failed++;
        report();
        logger.info({ actor: actor.id, job: jobId, status: out.status, error: out.error, pages: out.pages.length, attempts: out.attempts, channels: presentChannels(channels) }, 'actor done');
        progress(actorLine(recorded + done.size, wanted.length, actor, out, channels));
      }
      pending.delete(jobId);
      const rv = (await queue.getJob(jobId))?.returnvalue;
      if (rv && typeof rv === 'object' && 'key' in rv) await own.send('DEL', [rv.key]).catch(() => undefined);
    } finally {
      settling.delete(jobId);
    }
    if (pending.size === 0) finish();
  };

  const poll = async () => {
    for (const jobId of [...pending.keys()]) {
      const state = await queue.getJobState(jobId).catch(() => null);
      if (state === 'completed' || state === 'failed' || state === 'unknown') await settle(jobId);
    }
  };

  try {
    await Promise.all([own.connect(), queue.waitUntilReady(), events.waitUntilReady()]);
    events.on('completed', ({ jobId }) => void settle(jobId).catch((err) => finish(err as Error)));
    events.on('failed', ({ jobId }) => void settle(jobId).catch((err) => finish(err as Error)));
    // Re-attach: jobs of this run that exist already are waited for (or read at once when final);
    // the others, and those a worker refused for its version, are enqueued.
    const toAdd: Actor[] = [];
    for (const actor of todo) {
      const jobId = jobIdOf(runId, actor.id);
      const job = await queue.getJob(jobId);
      if (job && (await job.getState()) === 'failed' && job.failedReason?.startsWith(VERSION_REFUSAL)) {
        await job.remove();
        toAdd.push(actor);
      } else if (!job) toAdd.push(actor);
      pending.set(jobId, actor);
    }
    await enqueue(toAdd);
    if (toAdd.length < todo.length) progress(`re-attached to ${todo.length - toAdd.length} job(s) already in ${QUEUE_NAME}`);
    progress(`enqueued ${toAdd.length} actor job(s) on ${o.queue} (run ${runId})`);
    if (pending.size === 0) finish();
    else {
      void poll();
      poller = setInterval(() => void poll().catch(() => undefined), POLL_INTERVAL_MS);
    }
    if (io.signal?.aborted) abort();
    await finished;
    store.finishRun(runId, new Date().toISOString());
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    logger.info({ ...counts, seconds: Number(secs) }, 'run finished');
    progress(`run ${runId} finished in ${secs}s: ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed`);
  } finally {
    io.signal?.removeEventListener('abort', abort);
    if (poller) clearInterval(poller);
    pending.clear();
    await bounded(events.close());
    await bounded(queue.close());
    for (const c of clients) await bounded(c.quit());
    own.close();
  }
}
