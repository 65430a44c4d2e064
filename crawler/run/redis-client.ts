/**
 * A small Redis client (RESP2 over one TCP socket) shaped like Bun's built-in `RedisClient`, the
 * driver BullMQ 6 adapts when it is handed an object with `send()` and `connected`
 * (node_modules/bullmq/dist/esm/classes/bun-redis-client.js). BullMQ 6 no longer ships a Redis
 * driver (ioredis and node-redis are optional peers, neither is installed here), and its Bun adapter
 * needs only: send(command, args), connect(), close(), disconnect(), duplicate(), `connected`, and the
 * onconnect / onclose / onerror callbacks. Replies: simple and bulk strings as strings (UTF-8),
 * integers as numbers, nil as null, arrays as arrays, errors as rejected promises.
 *
 * Deliberately ignores: RESP3, TLS (rediss://), AUTH/ACL users, Sentinel and Cluster, pub/sub
 * (BullMQ uses streams, not pub/sub). Reconnection is BullMQ's job: a closed client is replaced
 * through duplicate(). Every command issued before connect() resolves is rejected.
 */
import { connect as tcpConnect, type Socket } from 'node:net';

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

type Reply = string | number | null | Reply[];
interface Pending {
  resolve: (v: Reply) => void;
  reject: (e: Error) => void;
}

class RedisReplyError extends Error {}

function encode(command: string, args: unknown[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length + 1}\r\n$${Buffer.byteLength(command)}\r\n${command}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(a === undefined || a === null ? '' : String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Parses one reply at `pos`; returns null when the buffer does not yet hold all of it. */
function parse(buf: Buffer, pos: number): { value: Reply | RedisReplyError; next: number } | null {
  if (pos >= buf.length) return null;
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('utf8', pos + 1, eol);
  switch (type) {
    case '+':
      return { value: line, next: eol + 2 };
    case '-':
      return { value: new RedisReplyError(line), next: eol + 2 };
    case ':':
      return { value: Number(line), next: eol + 2 };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      if (buf.length < eol + 2 + len + 2) return null;
      return { value: buf.toString('utf8', eol + 2, eol + 2 + len), next: eol + 2 + len + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, next: eol + 2 };
      const out: Reply[] = [];
      let p = eol + 2;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (!r) return null;
        // An error inside an array (EXEC of a failed command) is kept as an Error object.
        out.push(r.value as Reply);
        p = r.next;
      }
      return { value: out, next: p };
    }
    default:
      throw new Error(`redis: unexpected reply type ${JSON.stringify(type)}`);
  }
}

export class RespClient {
  connected = false;
  onconnect: (() => void) | null = null;
  onclose: ((err?: Error) => void) | null = null;
  onerror: ((err: Error) => void) | null = null;
  private socket: Socket | null = null;
  private pending: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private closing = false;

  constructor(readonly target: RedisTarget) {}

  get url(): string {
    return `redis://${this.target.host}:${this.target.port}/${this.target.db}`;
  }

  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const s = tcpConnect({ host: this.target.host, port: this.target.port });
      s.setNoDelay(true);
      s.setKeepAlive(true, 10_000);
      const timer = setTimeout(() => s.destroy(new Error(`connect ETIMEDOUT ${this.target.host}:${this.target.port} (after ${this.target.connectTimeoutMs} ms)`)), this.target.connectTimeoutMs);
      s.once('error', (err) => {
        clearTimeout(timer);
        if (!this.connected) reject(err);
      });
      s.once('connect', async () => {
        clearTimeout(timer);
        this.socket = s;
        this.connected = true;
        s.on('data', (d) => this.onData(d));
        s.on('error', (err) => this.onerror?.(err));
        s.on('close', () => this.onSocketClose());
        try {
          if (this.target.password) await this.send('AUTH', [this.target.password]);
          if (this.target.db) await this.send('SELECT', [this.target.db]);
        } catch (err) {
          this.close();
          reject(err);
          return;
        }
        this.onconnect?.();
        resolve();
      });
    });
  }

  send(command: string, args: unknown[] = []): Promise<Reply> {
    if (!this.socket || !this.connected) return Promise.reject(new Error('Connection is closed.'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket!.write(encode(command, args));
    });
  }

  close(): void {
    this.closing = true;
    this.socket?.destroy();
  }

  /** BullMQ recognises a client instance by connect(), disconnect() and duplicate(). */
  disconnect(): void {
    this.close();
  }

  async duplicate(): Promise<RespClient> {
    return new RespClient(this.target);
  }

  private onData(d: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
    let pos = 0;
    for (;;) {
      const r = parse(this.buffer, pos);
      if (!r) break;
      pos = r.next;
      const p = this.pending.shift();
      if (!p) continue;
      if (r.value instanceof RedisReplyError) p.reject(r.value);
      else p.resolve(r.value);
    }
    this.buffer = pos >= this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(pos);
  }

  private onSocketClose(): void {
    const wasConnected = this.connected;
    this.connected = false;
    this.socket = null;
    const err = new Error('Connection closed');
    for (const p of this.pending.splice(0)) p.reject(err);
    if (wasConnected) this.onclose?.(this.closing ? undefined : err);
  }
}
