/**
 * Actors start longest first, by their time in the latest scan recorded in the same database
 * (crawler/run/start-order.ts): the store's history, the order itself, and a real scan that
 * starts the actor that was slow last time first although the panel lists it second.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { longestFirst } from '../crawler/run/start-order.ts';
import { Store, type ActorResultToStore } from '../crawler/store/store.ts';
import { CHANNELS, type ChannelKey, type ChannelResult } from '../crawler/types.ts';
import { cli, FIXTURES, tempDb } from './e2e/helpers.ts';

function timed(runId: string, id: string, startedAt: string, finishedAt: string): ActorResultToStore {
  const channels = Object.fromEntries(CHANNELS.map((k) => [k, { present: false }])) as Record<ChannelKey, ChannelResult>;
  const actor = { id, name: id, sector: 'banque', segment: null, url: `https://www.${id}.fr/` };
  return { runId, actor, position: 0, status: 'ok', error: null, consent: { cmp: null, banner: false, rejectButton: false }, channels, pages: [], startedAt, finishedAt, attempts: 1 };
}

function history(db: string, runs: { id: string; kind?: 'redetect'; actors: [string, string, string][] }[]): void {
  const store = new Store(db);
  try {
    for (const r of runs) {
      store.createRun({ id: r.id, edition: '2026', panelFile: 'p', panel: {}, options: {}, startedAt: r.actors[0][1] });
      if (r.kind) {
        const d = new Database(db);
        d.prepare('UPDATE runs SET kind = ? WHERE id = ?').run(r.kind, r.id);
        d.close();
      }
      for (const [id, from, to] of r.actors) store.saveActorResult(timed(r.id, id, from, to));
    }
  } finally {
    store.close();
  }
}

describe('start order', () => {
  it('puts actors never timed first (panel order), then the timed ones longest first', () => {
    const actors = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const last = new Map([['b', 10], ['c', 50], ['e', 10]]);
    expect(longestFirst(actors, last).map((a) => a.id)).toEqual(['a', 'd', 'c', 'b', 'e']);
    expect(longestFirst(actors, new Map()).map((a) => a.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reads each actor’s time in its latest scan, not in the current run nor in a redetect', () => {
    const db = tempDb('start-order');
    history(db, [
      { id: 'r1', actors: [['x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z'], ['y', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z']] },
      { id: 'r2', actors: [['x', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:30.000Z']] },
      { id: 'rd', kind: 'redetect', actors: [['y', '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z']] },
      { id: 'now', actors: [['x', '2026-01-04T00:00:00.000Z', '2026-01-04T00:09:00.000Z']] },
    ]);
    const store = new Store(db);
    try {
      const last = store.lastActorSeconds('now');
      expect([...last.entries()].map(([k, v]) => [k, Math.round(v)]).sort()).toEqual([['x', 30], ['y', 60]]);
    } finally {
      store.close();
    }
  });

  it('a scan starts first the actor that took longest last time (real CLI, demo fixtures)', { timeout: 300_000 }, async () => {
    const db = tempDb('start-order-scan');
    // the panel lists cnsl before andv; last time andv took two minutes, cnsl two seconds
    history(db, [{ id: 'before', actors: [['cnsl', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:02.000Z'], ['andv', '2026-01-01T00:00:02.000Z', '2026-01-01T00:02:02.000Z']] }]);
    const r = await cli(['scan', '--panel', `${FIXTURES}demo/panel.yaml`, '--fixtures', `${FIXTURES}demo/sites`, '--db', db, '--actor', 'cnsl', '--actor', 'andv', '--concurrency', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('['))).toEqual([expect.stringMatching(/^\[1\/2\] andv: ok/), expect.stringMatching(/^\[2\/2\] cnsl: ok/)]);
    const d = new Database(db, { readonly: true });
    try {
      const order = d.prepare("SELECT actor_id FROM actor_results WHERE run_id <> 'before' ORDER BY started_at").all() as { actor_id: string }[];
      expect(order.map((o) => o.actor_id)).toEqual(['andv', 'cnsl']);
    } finally {
      d.close();
    }
  });
});
