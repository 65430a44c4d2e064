import { describe, expect, it } from 'vitest';
import { diffMatrices } from '../crawler/report/diff.ts';
import { CHANNELS, type ChannelKey, type ChannelResult, type MatrixActor, type MatrixJson } from '../crawler/types.ts';

function actor(id: string, channels: Partial<Record<ChannelKey, ChannelResult>>): MatrixActor {
  const all = Object.fromEntries(CHANNELS.map((k) => [k, channels[k] ?? { present: false }])) as Record<ChannelKey, ChannelResult>;
  return { id, name: id, sector: 's', segment: null, status: 'ok', error: null, pagesVisited: 3, consent: { cmp: null, banner: false, rejectButton: false }, channels: all };
}
const m = (id: string, edition: string, actors: MatrixActor[]): MatrixJson => ({ run: { id, edition, startedAt: '', finishedAt: '' }, channels: [...CHANNELS], actors });
const ev = [{ url: 'u', signal: 's', detail: 'd', source: 'dom' as const }];

describe('diff (CONTRACT §6)', () => {
  it('reports added, removed and changed channels and actors, evidence aside', () => {
    const a = m('r1', '2024', [
      actor('sncf', { phone: { present: true, clicks: 1, hours: 'Mo-Fr 08:00-20:00', numbers: [{ number: '3635', kind: 'short', hours: 'Mo-Fr 08:00-20:00' }], evidence: ev } }),
      actor('ratp', { livechat: { present: true, vendor: 'iadvize', clicks: 0 } }),
      actor('gone', {}),
    ]);
    const b = m('r2', '2025', [
      actor('sncf', { phone: { present: true, clicks: 1, hours: 'Mo-Sa 08:00-20:00', numbers: [{ number: '3635', kind: 'short', hours: 'Mo-Sa 08:00-20:00' }], evidence: [] }, form: { present: true, fields: 4 } }),
      actor('ratp', {}),
      actor('new', {}),
    ]);
    expect(diffMatrices(a, b)).toEqual({
      from: { id: 'r1', edition: '2024' },
      to: { id: 'r2', edition: '2025' },
      changes: [
        { actor: 'gone', channel: '*', change: 'removed' },
        { actor: 'sncf', channel: 'phone', change: 'changed', fields: { hours: { before: 'Mo-Fr 08:00-20:00', after: 'Mo-Sa 08:00-20:00' } } },
        { actor: 'sncf', channel: 'form', change: 'added' },
        { actor: 'ratp', channel: 'livechat', change: 'removed' },
        { actor: 'new', channel: '*', change: 'added' },
      ],
    });
  });
  it('finds nothing between identical matrices', () => {
    const a = m('r1', '2025', [actor('x', { phone: { present: true, clicks: 0, evidence: ev } })]);
    expect(diffMatrices(a, a).changes).toEqual([]);
  });
});
