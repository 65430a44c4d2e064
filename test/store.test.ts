import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../crawler/report/matrix.ts';
import { Store, type ActorResultToStore } from '../crawler/store/store.ts';
import { CHANNELS, type ChannelKey, type ChannelResult } from '../crawler/types.ts';

const actor = { id: 'a1', name: 'Actor 1', sector: 'banque', segment: null, url: 'https://www.a1.fr/' };
function channels(phone = false): Record<ChannelKey, ChannelResult> {
  const c = Object.fromEntries(CHANNELS.map((k) => [k, { present: false }])) as Record<ChannelKey, ChannelResult>;
  if (phone) c.phone = { present: true, clicks: 0, numbers: [{ number: '+33123456789', kind: 'geographic' }] };
  return c;
}
function result(runId: string, a = actor, phone = false, finishedAt = new Date().toISOString()): ActorResultToStore {
  return {
    runId,
    actor: a,
    position: 0,
    status: 'ok',
    error: null,
    consent: { cmp: null, banner: false, rejectButton: false },
    channels: channels(phone),
    pages: [
      {
        pass: 'refuse',
        url: a.url,
        finalUrl: a.url,
        status: 200,
        depth: 0,
        path: [],
        title: 't',
        error: null,
        links: [],
        score: 0,
        ms: 5,
        snapshot: { url: a.url, finalUrl: a.url, status: 200, depth: 0, path: [], title: 't', html: '<p>01 23 45 67 89</p>', frames: [], requests: [{ url: a.url, type: 'document', status: 200 }], globals: [], widgets: [], pass: 'refuse', capturedAt: '' },
        screenshot: null,
        findings: [],
        detectorRuns: [{ detector: 'phone-number', version: 1, outcome: 'absent', ms: 1 }],
      },
    ],
    startedAt: finishedAt,
    finishedAt,
    attempts: 1,
  };
}

describe('store', () => {
  it('migrates, writes an actor in one transaction and reads the snapshot back', () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'ct-db-')), 'x.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.createRun({ id: 'r1', edition: '2025', panelFile: 'p', panel: {}, options: {}, startedAt: '2025-01-01T00:00:00Z' });
    store.saveActorResult(result('r1'));
    const pages = store.pages('r1', 'a1');
    expect(pages).toHaveLength(1);
    expect(store.snapshot(pages[0].id)?.html).toBe('<p>01 23 45 67 89</p>');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT outcome FROM detector_runs').get()).toEqual({ outcome: 'absent' });
    store.close();
  });
  it('leaves nothing behind when an actor write fails midway', () => {
    const store = new Store(':memory:');
    store.createRun({ id: 'r1', edition: '2025', panelFile: 'p', panel: {}, options: {}, startedAt: '2025-01-01T00:00:00Z' });
    store.saveActorResult(result('r1'));
    // same actor again: the pages insert, then the actor row violates the primary key → rollback
    expect(() => store.saveActorResult(result('r1'))).toThrow(/UNIQUE/);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM pages').get()).toEqual({ n: 1 });
    expect(store.actorIdsDone('r1')).toEqual(new Set(['a1']));
  });
  it("an edition's matrix holds each actor's latest result under the label", () => {
    const store = new Store(':memory:');
    const b = { ...actor, id: 'b2', name: 'Actor 2' };
    store.createRun({ id: 'r1', edition: '2025', panelFile: 'p', panel: {}, options: {}, startedAt: '2025-01-01T00:00:00Z' });
    store.saveActorResult(result('r1', actor, false, '2025-01-01T00:01:00Z'));
    store.saveActorResult({ ...result('r1', b, false, '2025-01-01T00:02:00Z'), position: 1 });
    store.finishRun('r1', '2025-01-01T00:03:00Z');
    store.createRun({ id: 'r2', edition: '2025', panelFile: 'p', panel: {}, options: {}, startedAt: '2025-02-01T00:00:00Z' });
    store.saveActorResult(result('r2', actor, true, '2025-02-01T00:01:00Z'));
    store.finishRun('r2', '2025-02-01T00:02:00Z');
    store.createRun({ id: 'r3', edition: '2024', panelFile: 'p', panel: {}, options: {}, startedAt: '2024-02-01T00:00:00Z' });
    const m = buildMatrix(store, { edition: '2025' });
    expect(m.run.id).toBe('r2');
    expect(m.actors.map((a) => [a.id, a.runId, a.channels.phone.present])).toEqual([
      ['a1', 'r2', true],
      ['b2', 'r1', false],
    ]);
    expect(buildMatrix(store).run.id).toBe('r2');
    expect(buildMatrix(store, { run: 'r1' }).actors.map((a) => a.channels.phone.present)).toEqual([false, false]);
    expect(() => buildMatrix(store, { edition: '1999' })).toThrow('--edition 1999: unknown edition');
  });
});
