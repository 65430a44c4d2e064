/**
 * The distributed-scan plumbing without a browser: the queue URL checks (bad input exits 2 and
 * writes nothing), the outcome's wire format, our RESP client against a real Redis, and a worker's
 * concurrency (autoscaled without --concurrency, as a local scan).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONCURRENCY, SCALE_EVERY_MS, type MachineSample } from '../crawler/run/autoscale.ts';
import { DEFAULT_CONCURRENCY } from '../crawler/run/options.ts';
import { runWorker } from '../crawler/run/worker.ts';
import { BadInputError } from '../crawler/run/panel.ts';
import { CRAWLER_VERSION, decodeOutcome, encodeOutcome, jobIdOf, parseQueueUrl } from '../crawler/run/queue.ts';
import { RespClient } from '../crawler/run/queue.ts';
import type { ActorOutcome } from '../crawler/run/scan-actor.ts';
import { cli, FIXTURES } from './e2e/helpers.ts';
import { startRedis, type TestRedis } from './helpers/redis.ts';

describe('queue URL', () => {
  it('parses redis://HOST:PORT[/DB] and rejects anything else with the flag and the problem', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/2')).toEqual({ host: '10.0.0.5', port: 6380, db: 2, password: undefined, connectTimeoutMs: 5000 });
    expect(parseQueueUrl('redis://:s%40cret@queue.internal').password).toBe('s@cret');
    expect(parseQueueUrl('redis://queue.internal').port).toBe(6379);
    expect(() => parseQueueUrl('queue.internal:6379')).toThrow(BadInputError);
    expect(() => parseQueueUrl('http://queue:6379')).toThrow('--queue http://queue:6379: must start with redis://');
    expect(() => parseQueueUrl('rediss://queue:6379')).toThrow('must start with redis://');
    expect(() => parseQueueUrl('redis://queue:6379/abc')).toThrow('the path must be a database number');
  });

  it('job ids are per run and actor, without the ":" BullMQ forbids', () => {
    expect(jobIdOf('20250101T000000Z-abcdef', 'banque-horizon')).toBe('20250101T000000Z-abcdef/banque-horizon');
    expect(CRAWLER_VERSION).toMatch(/^\d+\.\d+\.\d+\+protocol\.\d+$/);
  });

  for (const [label, url, message] of [
    ['malformed', 'not-a-url', 'contactability: --queue not-a-url: not a URL (expected redis://HOST:PORT)'],
    ['unreachable', 'redis://127.0.0.1:1', 'contactability: --queue redis://127.0.0.1:1: cannot reach Redis (connect ECONNREFUSED 127.0.0.1:1)'],
  ] as const) {
    it(`scan with a ${label} queue URL exits 2 with one line and writes nothing`, async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'ct-queue-')), 'scan.db');
      const r = await cli(['scan', '--panel', `${FIXTURES}demo/panel.yaml`, '--fixtures', `${FIXTURES}demo/sites`, '--db', db, '--queue', url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${message}\n`);
      expect(r.stdout).toBe('');
      expect(existsSync(db)).toBe(false);
    });
  }

  it('a worker with an unreachable queue exits 2', async () => {
    const r = await cli(['worker', '--queue', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('contactability: --queue redis://127.0.0.1:1: cannot reach Redis (connect ECONNREFUSED 127.0.0.1:1)\n');
  });
});

describe('outcome wire format', () => {
  it('round-trips pages, screenshots as Buffers and nulls', () => {
    const shot = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 10, 13]);
    const out = {
      status: 'ok',
      error: null,
      consent: { cmp: 'didomi', banner: true, rejectButton: true },
      consentEvents: ['refused'],
      attempts: 1,
      startedAt: '2025-01-01T00:00:00.000Z',
      finishedAt: '2025-01-01T00:00:10.000Z',
      pages: [
        { pass: 'refuse', url: 'https://a.fr/', finalUrl: 'https://a.fr/', status: 200, depth: 0, path: [], title: 'A é', error: null, snapshot: null, links: [], findings: [], detectorRuns: [], screenshot: shot, score: 0, ms: 5 },
        { pass: 'accept', url: 'https://a.fr/c', finalUrl: 'https://a.fr/c', status: 200, depth: 1, path: [], title: '', error: null, snapshot: null, links: [], findings: [], detectorRuns: [], screenshot: null, score: 3, ms: 7 },
      ],
    } as unknown as ActorOutcome;
    const back = decodeOutcome(encodeOutcome(out));
    expect(Buffer.isBuffer(back.pages[0].screenshot)).toBe(true);
    expect(back.pages[0].screenshot!.equals(shot)).toBe(true);
    expect(back.pages[1].screenshot).toBeNull();
    expect({ ...back, pages: back.pages.map((p) => ({ ...p, screenshot: null })) }).toEqual({ ...out, pages: out.pages.map((p) => ({ ...p, screenshot: null })) });
  });
});

describe('against a real redis-server', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  it('sends commands through ioredis and reads every reply type, binary-safe and pipelined', async () => {
    const c = new RespClient({ host: '127.0.0.1', port: redis.port, db: 0, connectTimeoutMs: 2000 });
    await c.connect();
    try {
      const big = 'é'.repeat(300_000);
      const replies = await Promise.all([c.send('SET', ['k', big]), c.send('GET', ['k']), c.send('GET', ['missing']), c.send('INCR', ['n']), c.send('RPUSH', ['l', 'a', 'b']), c.send('LRANGE', ['l', 0, -1])]);
      expect(replies).toEqual(['OK', big, null, 1, 2, ['a', 'b']]);
      await expect(c.send('INCR', ['k'])).rejects.toThrow('ERR value is not an integer or out of range');
      expect(await c.send('PING')).toBe('PONG');
    } finally {
      c.close();
    }
  });

  /** Runs a worker on the test Redis until `until` holds for its log lines (or `ms` passes), then stops it. */
  async function workerLog(concurrency: number | undefined, sample: () => MachineSample, until: (lines: Record<string, unknown>[]) => boolean, ms: number) {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const stop = new AbortController();
    const running = runWorker({ queue: redis.url, concurrency }, { log, signal: stop.signal, machineSample: sample });
    const t0 = Date.now();
    while (!until(lines) && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 100));
    stop.abort();
    await running;
    return lines;
  }

  it('a worker without --concurrency takes more jobs at once while the machine is idle; one with it keeps it', { timeout: 30_000 }, async () => {
    // an idle machine: the CPU busy 20 % of each span, 60 % of the memory available
    let cpu = { busy: 0, total: 0 };
    let reads = 0;
    const idle = (): MachineSample => {
      reads++;
      cpu = { busy: cpu.busy + 400, total: cpu.total + 2000 };
      return { cpu, freeMemory: 0.6 };
    };
    const steps = (lines: Record<string, unknown>[]) => lines.filter((l) => l.msg === 'concurrency').map((l) => l.concurrency);
    const auto = await workerLog(undefined, idle, (l) => steps(l).length >= 1, SCALE_EVERY_MS * 4);
    expect(auto.find((l) => l.msg === 'worker ready')).toMatchObject({ concurrency: DEFAULT_CONCURRENCY, autoscale: true });
    expect(steps(auto)[0]).toBe(Math.min(DEFAULT_CONCURRENCY + 1, MAX_CONCURRENCY));
    expect(auto.find((l) => l.msg === 'concurrency')).toMatchObject({ cpuBusy: 0.2 });

    reads = 0;
    const fixed = await workerLog(2, idle, () => false, SCALE_EVERY_MS * 1.5);
    expect(fixed.find((l) => l.msg === 'worker ready')).toMatchObject({ concurrency: 2, autoscale: false });
    expect(steps(fixed)).toEqual([]);
    expect(reads).toBe(0); // no autoscaler was made
    expect(fixed.at(-1)).toMatchObject({ msg: 'worker stopped' });
  });
});
