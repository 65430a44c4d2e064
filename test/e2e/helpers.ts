import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatrixJson } from '../../crawler/types.ts';

export const BIN = new URL('../../bin/contactability.js', import.meta.url).pathname;
export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

export function tempDb(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `ct-${name}-`)), 'scan.db');
}

/**
 * Runs the real CLI in a child process. Always asynchronous: a synchronous spawn would block the
 * test worker's event loop, and vitest's worker heartbeat times out under load.
 */
export function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Kept for readability where a scan is started. */
export const cliAsync = cli;

export function lastLine(s: string): string {
  return s.trim().split('\n').pop() ?? '';
}

export async function matrixOf(db: string, ref: string[] = []): Promise<MatrixJson> {
  const r = await cli(['matrix', '--db', db, '--format', 'json', ...ref]);
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
