import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

const BIN = new URL('../bin/contactability.js', import.meta.url).pathname;
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('CLI exit codes (CONTRACT §1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-cli-'));
  const db = join(dir, 'x.db');
  const panel = join(dir, 'panel.yaml');
  writeFileSync(panel, 'actors:\n  - id: a\n    name: A\n    sector: banque\n    url: https://www.a-bank.fr/\n');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'actors:\n  - id: a\n    name: A\n    sector: banque\n    url: nope\n');

  it('invalid panel → 2, one line naming file, actor and field, no run left behind', () => {
    const r = cli(['scan', '--panel', bad, '--db', db, '--fixtures', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`contactability: ${bad}: actors[0] (id "a"): url: must be an absolute URL`);
    expect(existsSync(db)).toBe(false);
  });
  it('unknown actor, missing fixtures, missing panel → 2', () => {
    expect(cli(['scan', '--panel', panel, '--db', db, '--fixtures', dir, '--actor', 'zz'])).toMatchObject({ code: 2, stderr: `contactability: ${panel}: --actor zz: unknown actor id` });
    expect(cli(['scan', '--panel', panel, '--db', db, '--fixtures', join(dir, 'nope')])).toMatchObject({ code: 2, stderr: `contactability: ${join(dir, 'nope')}: fixtures directory not found` });
    expect(cli(['scan', '--panel', join(dir, 'none.yaml'), '--db', db]).code).toBe(2);
    expect(cli(['scan', '--panel', panel, '--db', db, '--concurrency', '0']).code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });
  it('a live panel on loopback is refused without --fixtures', () => {
    const local = join(dir, 'local.yaml');
    writeFileSync(local, 'actors:\n  - id: a\n    name: A\n    sector: banque\n    url: http://127.0.0.1:8080/\n');
    const r = cli(['scan', '--panel', local, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('127.0.0.1 is a loopback or private address');
  });
  it('unknown run or edition → 2', () => {
    new Database(db).close();
    expect(cli(['matrix', '--db', db, '--run', 'nope'])).toMatchObject({ code: 2, stderr: 'contactability: --run nope: unknown run' });
    expect(cli(['matrix', '--db', db, '--edition', '1999'])).toMatchObject({ code: 2, stderr: 'contactability: --edition 1999: unknown edition' });
    expect(cli(['diff', '--db', db, '--from', 'x', '--to', 'y'])).toMatchObject({ code: 2, stderr: 'contactability: --from x: unknown run or edition' });
    expect(cli(['scan', '--resume', 'nope', '--db', db])).toMatchObject({ code: 2, stderr: 'contactability: --resume nope: unknown run' });
    expect(cli(['matrix', '--db', join(dir, 'none.db')]).code).toBe(2);
    expect(cli(['runs', '--db', db])).toMatchObject({ code: 0 });
  });
});
