/**
 * The distributed-scan plumbing without a browser: the queue URL checks (bad input exits 2 and
 * writes nothing), the outcome's wire format, and our RESP client against a real Redis.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('RESP client against a real redis-server', () => {
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
});
