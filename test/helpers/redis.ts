/**
 * A throwaway Redis for tests: `redis-server` on a free loopback port, no persistence, in a temp
 * directory; stop() kills it. No Redis is not a reason to skip: start() fails with the command
 * that installs it (`.ci/run` installs it when missing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RespClient } from '../../crawler/run/queue.ts';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

export interface TestRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<TestRedis> {
  const bin = process.env.REDIS_SERVER ?? CANDIDATES.find((p) => existsSync(p));
  if (!bin) throw new Error('redis-server not found: the distributed tests need a real Redis. Install it: sudo apt-get install -y redis-server (or set REDIS_SERVER)');
  const dir = mkdtempSync(join(tmpdir(), 'ct-redis-'));
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${out.slice(-500)}`);
    const c = new RespClient({ host: '127.0.0.1', port, db: 0, connectTimeoutMs: 1000 }, true);
    try {
      await c.connect();
      if ((await c.send('PING')) === 'PONG') break;
    } catch {
      /* not listening yet */
    } finally {
      c.close();
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port} within 15 s: ${out.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
