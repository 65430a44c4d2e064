/**
 * CLI exit codes and one-line errors (CONTRACT §1). The commands are thin shells over `main()`,
 * called in-process here (fast); one check runs the real binary to cover the entry point.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../crawler/cli.ts';

const BIN = new URL('../bin/contactability.js', import.meta.url).pathname;

async function run(args: string[]) {
  let stderr = '';
  let stdout = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr: stderr.trim() };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

function spawnCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

describe('CLI exit codes (CONTRACT §1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-cli-'));
  const db = join(dir, 'x.db');
  const panel = join(dir, 'panel.yaml');
  writeFileSync(panel, 'actors:\n  - id: a\n    name: A\n    sector: banque\n    url: https://www.a-bank.fr/\n');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'actors:\n  - id: a\n    name: A\n    sector: banque\n    url: nope\n');

  it('the real binary: invalid panel → 2, one line naming file, actor and field, no run left behind', async () => {
    const r = await spawnCli(['scan', '--panel', bad, '--db', db, '--fixtures', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`contactability: ${bad}: actors[0] (id "a"): url: must be an absolute URL`);
    expect(existsSync(db)).toBe(false);
  });
  it('unknown actor, missing fixtures, missing panel, bad numbers → 2', async () => {
    expect(await run(['scan', '--panel', panel, '--db', db, '--fixtures', dir, '--actor', 'zz'])).toMatchObject({ code: 2, stderr: `contactability: ${panel}: --actor zz: unknown actor id` });
    expect(await run(['scan', '--panel', panel, '--db', db, '--fixtures', join(dir, 'nope')])).toMatchObject({ code: 2, stderr: `contactability: ${join(dir, 'nope')}: fixtures directory not found` });
    expect((await run(['scan', '--panel', join(dir, 'none.yaml'), '--db', db])).code).toBe(2);
    expect((await run(['scan', '--panel', panel, '--db', db, '--concurrency', '0'])).code).toBe(2);
    expect(await run(['scan', '--panel', panel, '--db', db, '--fixtures', dir, '--fixtures-network', 'slow'])).toMatchObject({ code: 2, stderr: 'contactability: --fixtures-network: must be quiet, realistic, heavy (got slow)' });
    expect((await run(['scan', '--db', db])).code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });
  it('a live panel on loopback is refused without --fixtures', async () => {
    const local = join(dir, 'local.yaml');
    writeFileSync(local, 'actors:\n  - id: a\n    name: A\n    sector: banque\n    url: http://127.0.0.1:8080/\n');
    const r = await run(['scan', '--panel', local, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`contactability: ${local}: actors[0] (id "a"): url: 127.0.0.1 is a loopback or private address (use --fixtures, or --allow-private)`);
  });
  it('unknown run or edition → 2; bad formats → 2', async () => {
    new Database(db).close();
    expect(await run(['matrix', '--db', db, '--run', 'nope'])).toMatchObject({ code: 2, stderr: 'contactability: --run nope: unknown run' });
    expect(await run(['matrix', '--db', db, '--edition', '1999'])).toMatchObject({ code: 2, stderr: 'contactability: --edition 1999: unknown edition' });
    expect(await run(['matrix', '--db', db])).toMatchObject({ code: 2, stderr: `contactability: ${db}: no finished run yet (scan first)` });
    expect(await run(['diff', '--db', db, '--from', 'x', '--to', 'y'])).toMatchObject({ code: 2, stderr: 'contactability: --from x: unknown run or edition' });
    expect(await run(['scan', '--resume', 'nope', '--db', db])).toMatchObject({ code: 2, stderr: 'contactability: --resume nope: unknown run' });
    expect(await run(['redetect', '--run', 'nope', '--db', db])).toMatchObject({ code: 2, stderr: 'contactability: --run nope: unknown run' });
    expect((await run(['matrix', '--db', join(dir, 'none.db')])).code).toBe(2);
    expect((await run(['schedule', '--panel', panel, '--cron', 'every night', '--db', db])).code).toBe(2);
    expect(await run(['runs', '--db', db])).toMatchObject({ code: 0, stdout: 'id\tedition\tkind\tstarted\tfinished\tok\tpartial\tfailed\tarchive\n' });
  });
});
