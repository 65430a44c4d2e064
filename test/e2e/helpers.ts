import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatrixJson } from '../../crawler/types.ts';

export const BIN = new URL('../../bin/contactability.js', import.meta.url).pathname;
export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

export function tempDb(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `ct-${name}-`)), 'scan.db');
}

export function cli(args: string[], timeout = 600_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Async variant, so that several scans do not block the test worker. */
export function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function lastLine(s: string): string {
  return s.trim().split('\n').pop() ?? '';
}

export function matrixOf(db: string, ref: string[] = []): MatrixJson {
  const r = cli(['matrix', '--db', db, '--format', 'json', ...ref]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as MatrixJson;
}

export function expected(corpus: string): { actors: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(FIXTURES, corpus, 'expected.json'), 'utf8'));
}

/** Channel results without evidence, run ids and timestamps: what two scans must agree on. */
export function essence(m: MatrixJson): unknown {
  return m.actors.map((a) => ({
    id: a.id,
    status: a.status,
    consent: a.consent,
    channels: Object.fromEntries(Object.entries(a.channels).map(([k, v]) => [k, { ...v, evidence: undefined }])),
  }));
}
