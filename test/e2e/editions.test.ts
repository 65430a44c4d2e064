/**
 * Two editions of a corpus whose sites changed between them give exactly those changes; an
 * edition re-scanned for one actor updates that actor alone; redetect on stored snapshots gives
 * the same matrix; a scan killed with SIGKILL and resumed gives the same matrix as an
 * uninterrupted one, and the store passes integrity_check.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN, cli, cliAsync, essence, FIXTURES, lastLine, matrixOf, tempDb } from './helpers.ts';

const E = `${FIXTURES}editions`;

describe('editions, diff, redetect and resume', { timeout: 600_000 }, () => {
  const db = tempDb('editions');
  let run2025 = '';

  it('diff between two editions lists exactly what changed', async () => {
    const a = await cliAsync(['scan', '--panel', `${E}/2024/panel.yaml`, '--fixtures', `${E}/2024/sites`, '--db', db, '--concurrency', '2', '--actor-timeout', '400']);
    expect(a.code).toBe(0);
    const b = await cliAsync(['scan', '--panel', `${E}/2025/panel.yaml`, '--fixtures', `${E}/2025/sites`, '--db', db, '--concurrency', '2', '--actor-timeout', '400']);
    expect(b.code).toBe(0);
    run2025 = lastLine(b.stdout);
    const d = await cli(['diff', '--db', db, '--from', '2024', '--to', '2025', '--format', 'json']);
    expect(d.code).toBe(0);
    const diff = JSON.parse(d.stdout);
    expect(diff.from.edition).toBe('2024');
    expect(diff.to).toEqual({ id: run2025, edition: '2025' });
    const want = JSON.parse(readFileSync(`${E}/expected-diff.json`, 'utf8'));
    expect(diff.changes).toEqual(want.changes ?? want);
    const md = await cli(['diff', '--db', db, '--from', '2024', '--to', run2025, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/livechat/);
  });

  it('redetect on the stored snapshots gives the same matrix, as a new run of the edition', async () => {
    const r = await cli(['redetect', '--run', run2025, '--db', db]);
    expect(r.code).toBe(0);
    const again = lastLine(r.stdout);
    expect(essence(await matrixOf(db, ['--run', again]))).toEqual(essence(await matrixOf(db, ['--run', run2025])));
    expect((await matrixOf(db, ['--edition', '2025'])).run.id).toBe(again);
  });

  it('re-scanning one actor updates the edition for that actor alone', async () => {
    const before = await matrixOf(db, ['--edition', '2024']);
    const r = await cliAsync(['scan', '--panel', `${E}/2024/panel.yaml`, '--fixtures', `${E}/2024/sites`, '--db', db, '--actor', before.actors[0].id]);
    expect(r.code).toBe(0);
    const single = lastLine(r.stdout);
    const after = await matrixOf(db, ['--edition', '2024']);
    expect(after.run.id).toBe(single);
    expect(after.actors.map((a) => a.id)).toEqual(before.actors.map((a) => a.id));
    expect(after.actors[0].runId).toBe(single);
    expect(after.actors.slice(1).map((a) => a.runId)).toEqual(before.actors.slice(1).map((a) => a.runId));
    expect(essence(after)).toEqual(essence(before));
    const runs = (await cli(['runs', '--db', db])).stdout.trim().split('\n');
    expect(runs[0]).toBe('id\tedition\tkind\tstarted\tfinished\tok\tpartial\tfailed\tarchive');
    expect(runs.length).toBe(5);
  });

  it('a scan killed with SIGKILL midway resumes to the same matrix', async () => {
    const killed = tempDb('resume');
    const child = spawn(process.execPath, [BIN, 'scan', '--panel', `${E}/2025/panel.yaml`, '--fixtures', `${E}/2025/sites`, '--db', killed, '--concurrency', '2']);
    child.stderr.resume();
    child.stdout.resume();
    // kill as soon as two actors are recorded, while others are in flight
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        try {
          const d = new Database(killed, { readonly: true, fileMustExist: true });
          const n = (d.prepare('SELECT COUNT(*) AS n FROM actor_results').get() as { n: number }).n;
          d.close();
          if (n >= 2) {
            clearInterval(t);
            child.kill('SIGKILL');
            resolve();
          }
        } catch {
          /* not created yet */
        }
      }, 100);
      child.on('exit', () => {
        clearInterval(t);
        reject(new Error('scan ended before it could be killed'));
      });
    });
    await new Promise((r) => child.on('close', r));
    const unfinished = (await cli(['runs', '--db', killed])).stdout.trim().split('\n')[1].split('\t');
    expect(unfinished[4]).toBe('-');
    const r = await cliAsync(['scan', '--resume', '--db', killed]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/resuming run .*: [2-4] actor\(s\) already recorded/);
    expect(lastLine(r.stdout)).toBe(unfinished[0]);
    const d = new Database(killed);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    const counts = d.prepare('SELECT actor_id, COUNT(*) AS n FROM actor_results GROUP BY actor_id').all() as { n: number }[];
    d.close();
    expect(counts.length).toBe(5);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    expect(essence(await matrixOf(killed))).toEqual(essence(await matrixOf(db, ['--run', run2025])));
  });
});
