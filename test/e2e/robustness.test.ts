/**
 * A failing, slow or hostile site makes that actor `failed` (or `partial`) with a reason, and the
 * run goes on: the control actor and the hostile one still give their findings.
 */
import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../../crawler/report/matrix.ts';
import { scan } from '../../crawler/run/scan.ts';
import { Store } from '../../crawler/store/store.ts';
import { FIXTURES, tempDb } from './helpers.ts';

describe('robustness corpus', { timeout: 600_000 }, () => {
  it('records failures with reasons and keeps going', async () => {
    const db = tempDb('robust');
    const t0 = Date.now();
    // the first seven actors; the walls and hostile pages of issue 10 are in robustness-walls.test.ts
    const actors = ['ok-small', 'hangs', 'boom', 'nohost', 'hostile', 'redirects', 'slow-contact'];
    await scan({ panelFile: `${FIXTURES}robustness/panel.yaml`, fixtures: `${FIXTURES}robustness/sites`, db, actors, navTimeoutMs: 12_000, actorTimeoutMs: 90_000 }, { progress: () => undefined });
    const store = new Store(db);
    const m = buildMatrix(store);
    const integrity = store.db.pragma('integrity_check', { simple: true });
    store.close();
    expect(integrity).toBe('ok');
    const by = Object.fromEntries(m.actors.map((a) => [a.id, a]));
    expect(by.hangs.status).toBe('failed');
    expect(by.hangs.error).toMatch(/Timeout 12000ms exceeded/);
    expect(by.boom).toMatchObject({ status: 'failed', error: 'HTTP 500' });
    expect(by.nohost.status).toBe('failed');
    expect(by.nohost.error).toMatch(/ERR_NAME_NOT_RESOLVED/);
    expect(['ok', 'partial']).toContain(by.hostile.status);
    expect(by.hostile.channels.phone.present).toBe(true);
    expect(by['ok-small']).toMatchObject({ status: 'ok', channels: { phone: { present: true, clicks: 0 }, email: { present: true, clicks: 1 } } });
    expect(by.redirects.channels.phone).toMatchObject({ present: true, clicks: 1 });
    expect(by['slow-contact'].channels.phone).toMatchObject({ present: true, clicks: 1 });
    for (const a of Object.values(by)) if (a.status === 'failed') expect(Object.values(a.channels).every((c) => !c.present)).toBe(true);
    // nothing stalls the run: the hanging actor costs one navigation timeout, not the actor deadline
    expect(Date.now() - t0).toBeLessThan(170_000);
  });
});
