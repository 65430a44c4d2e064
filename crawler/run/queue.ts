/**
 * What the coordinator (crawler/run/coordinator.ts) and the workers (crawler/run/worker.ts) share
 * about the BullMQ queue (CONTRACT §8): the queue URL and its check, the Redis connections, the
 * job's data and id, the crawler version every job carries, the BullMQ settings that make a dead
 * worker's job run again, and the actor outcome's wire format (gzip + base64 JSON, Buffers as
 * base64), inline in the job's return value when small, in a Redis key of its own otherwise.
 *
 * Deliberately ignores: TLS (rediss://), Redis users/ACLs beyond a password, Sentinel and Cluster.
 */
import type { IRedisClient } from 'bullmq';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PageRecord } from '../types.ts';
import type { RecordedOptions } from './options.ts';
import { BadInputError, type Actor } from './panel.ts';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  password?: string;
  /** a TCP connect slower than this fails (fail fast on an unreachable host) */
  connectTimeoutMs: number;
}

/** How long a TCP connect may take before the server is called unreachable. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Our own connection (result keys): ioredis, with the two calls we make. */
export class RespClient {
  private readonly redis: Redis;
  constructor(target: RedisTarget, failFast = false) {
    this.redis = new Redis({
      host: target.host,
      port: target.port,
      db: target.db,
      password: target.password,
      connectTimeout: target.connectTimeoutMs,
      lazyConnect: true,
      // a check must fail at once; a long-lived connection retries as ioredis does
      ...(failFast ? { maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false } : {}),
    });
    // reported through the failing call, with the socket's own reason (ioredis says only "Connection is closed")
    this.redis.on('error', (err: Error) => (this.lastError = err));
  }
  private lastError: Error | null = null;
  async connect(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (err) {
      throw this.lastError ?? err;
    }
  }
  send(command: string, args: (string | number)[] = []): Promise<unknown> {
    return this.redis.call(command, ...args);
  }
  close(): void {
    this.redis.disconnect();
  }
}
import type { ActorOutcome } from './scan-actor.ts';

export const QUEUE_NAME = 'contactability-actors';
/** Bumped whenever the job data or the outcome's wire format changes. */
export const PROTOCOL = 1;
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
/** Carried by every job; a worker of another version refuses the job (results would not compare). */
export const CRAWLER_VERSION = `${PKG.version}+protocol.${PROTOCOL}`;
/** The start of a refused job's failedReason, so that the coordinator tells it from a crawl error. */
export const VERSION_REFUSAL = 'crawler version mismatch';

function envMs(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * A worker holds a lock on each job it runs and renews it every lockDuration / 2. One minute: the
 * worker's event loop can be busy for seconds (a large snapshot judged, the outcome gzipped), and a
 * lock lost under a live worker makes the job run twice. Tests shorten it (env).
 */
export const LOCK_DURATION_MS = envMs('CONTACTABILITY_QUEUE_LOCK_MS', 60_000);
/**
 * How often workers look for jobs whose lock expired (their worker died). With the lock, a killed
 * worker's job runs again after at most LOCK_DURATION_MS + STALLED_INTERVAL_MS (90 s by default).
 */
export const STALLED_INTERVAL_MS = envMs('CONTACTABILITY_QUEUE_STALLED_MS', 30_000);
/** A job whose worker died twice is failed, not retried forever: the site may be what kills it. */
export const MAX_STALLED_COUNT = 2;
/** Tries per actor when the worker itself fails (browser cannot start, Redis error); a crawl error is a result, not a failure. */
export const JOB_ATTEMPTS = 3;
/** First retry after 5 s, then 10 s: long enough for a restarting Redis or a relaunching browser. */
export const JOB_BACKOFF_MS = 5_000;
/** Finished jobs (and their results) are kept a week: a coordinator down over a weekend still finds them. */
export const KEEP_FINISHED_S = 7 * 24 * 3600;
/**
 * Results larger than this go to a Redis key of their own: the job's return value is also copied
 * into the queue's event stream (kept to ~10,000 events), where megabytes of screenshots do not belong.
 */
export const INLINE_RESULT_MAX_BYTES = 64 * 1024;
export const RESULT_KEY_PREFIX = 'contactability:result:';
/** The coordinator also polls the state of its pending jobs: events sent while it was down are lost. */
export const POLL_INTERVAL_MS = envMs('CONTACTABILITY_QUEUE_POLL_MS', 2_000);

export interface ActorJobData {
  crawler: string;
  runId: string;
  actor: Actor;
  position: number;
  options: RecordedOptions;
}

/** What a job returns: the encoded outcome itself, or the key where it is. */
export type ActorJobReturn = { outcome: string } | { key: string; bytes: number };

/** One job per run and actor: adding it twice is a no-op (BullMQ forbids ':' in custom job ids). */
export function jobIdOf(runId: string, actorId: string): string {
  return `${runId}/${actorId}`;
}

export function resultKeyOf(jobId: string): string {
  return `${RESULT_KEY_PREFIX}${jobId}`;
}

/** redis://[:password@]HOST:PORT[/DB] → the connection target; anything else is bad input. */
export function parseQueueUrl(url: string, flag = '--queue'): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BadInputError(`${flag} ${url}: not a URL (expected redis://HOST:PORT)`);
  }
  if (u.protocol !== 'redis:') throw new BadInputError(`${flag} ${url}: must start with redis:// (TLS and other schemes are not supported)`);
  if (!u.hostname) throw new BadInputError(`${flag} ${url}: no host (expected redis://HOST:PORT)`);
  const port = u.port ? Number(u.port) : 6379;
  const dbPart = u.pathname.replace(/^\//, '');
  if (dbPart && !/^\d+$/.test(dbPart)) throw new BadInputError(`${flag} ${url}: the path must be a database number (redis://HOST:PORT/0)`);
  if (u.search || u.hash) throw new BadInputError(`${flag} ${url}: no query or fragment expected`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    db: dbPart ? Number(dbPart) : 0,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
  };
}

/** Connects once and PINGs, within the connect timeout; unreachable → BadInputError (exit 2). */
export async function checkQueue(url: string, flag = '--queue'): Promise<RedisTarget> {
  const target = parseQueueUrl(url, flag);
  const c = new RespClient(target, true);
  try {
    await c.connect();
    const pong = await Promise.race([
      c.send('PING', []),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer to PING within ${target.connectTimeoutMs} ms`)), target.connectTimeoutMs).unref()),
    ]);
    if (pong !== 'PONG') throw new Error(`unexpected answer to PING: ${JSON.stringify(pong)}`);
  } catch (err) {
    throw new BadInputError(`${flag} ${url}: cannot reach Redis (${(err as Error).message.split('\n')[0]})`);
  } finally {
    c.close();
  }
  return target;
}

/** A connection of our own (result keys), not shared with BullMQ; the caller connects and closes it. */
export function redisConnection(target: RedisTarget): RespClient {
  return new RespClient(target);
}

/**
 * A connection for one BullMQ object (Queue, Worker, QueueEvents): ioredis, BullMQ's own driver
 * (an optional peer since BullMQ 6), with `maxRetriesPerRequest: null` as BullMQ requires for
 * blocking reads. BullMQ leaves a connection it was given open: the caller quits it after close().
 */
export function bullmqConnection(target: RedisTarget): IRedisClient {
  return new Redis({ host: target.host, port: target.port, db: target.db, password: target.password, connectTimeout: target.connectTimeoutMs, maxRetriesPerRequest: null }) as unknown as IRedisClient;
}

// ------------------------------------------------------------------------------ wire format

/** Buffers (screenshots) as {$b64}, everything else as is. */
function withBuffersEncoded(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { $b64: v.toString('base64') };
  if (Array.isArray(v)) return v.map(withBuffersEncoded);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = withBuffersEncoded(x);
    return out;
  }
  return v;
}

export function encodeOutcome(out: ActorOutcome): string {
  return gzipSync(JSON.stringify(withBuffersEncoded(out))).toString('base64');
}

export function decodeOutcome(s: string): ActorOutcome {
  const json = gunzipSync(Buffer.from(s, 'base64')).toString('utf8');
  const out = JSON.parse(json, (_k, v) => (v && typeof v === 'object' && typeof v.$b64 === 'string' && Object.keys(v).length === 1 ? Buffer.from(v.$b64, 'base64') : v)) as ActorOutcome;
  for (const p of out.pages as PageRecord[]) p.screenshot ??= null;
  return out;
}
