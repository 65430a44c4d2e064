/**
 * The real-CMP corpus (fixtures/real-cmp/): sites that self-host the real, unmodified consent
 * libraries from npm (tarteaucitron.js, Klaro, CookieConsent v3) and DSFR, each gating a chat
 * through the library's own mechanism. Scanned by the real CLI in real Chromium; asserted per
 * actor: the consent record (platform, banner, one-click refusal), the chat present only in the
 * accept pass (consentGated), and the evaluation against the corpus's ground truth.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMatrix, formatEvaluation } from '../../crawler/report/evaluate.ts';
import { cliAsync, expected, FIXTURES, matrixOf, tempDb } from './helpers.ts';

/**
 * Misses known at the time of writing, listed in fixtures/real-cmp/README.md. None since the form
 * detector counts DSFR radios (visually hidden inputs drawn by their label).
 */
const KNOWN_MISSES: string[] = [];

describe('real consent libraries corpus, end to end', { timeout: 600_000 }, () => {
  const db = tempDb('real-cmp');
  it('scans every actor; consent, gated chats and the ground truth match', async () => {
    const r = await cliAsync(['scan', '--panel', `${FIXTURES}real-cmp/panel.yaml`, '--fixtures', `${FIXTURES}real-cmp/sites`, '--db', db, '--concurrency', '2', '--actor-timeout', '400']);
    expect(r.code, r.stderr).toBe(0);
    const m = await matrixOf(db);
    const byId = Object.fromEntries(m.actors.map((a) => [a.id, a]));
    expect(Object.keys(byId)).toEqual(['mutuelle-exemple', 'voyages-exemple', 'energie-exemple', 'allocations-exemple']);

    expect(byId['mutuelle-exemple'].consent).toEqual({ cmp: 'tarteaucitron', banner: true, rejectButton: true });
    expect(byId['voyages-exemple'].consent).toEqual({ cmp: 'klaro', banner: true, rejectButton: true });
    expect(byId['energie-exemple'].consent).toEqual({ cmp: 'cookieconsent', banner: true, rejectButton: true });
    expect(byId['allocations-exemple'].consent).toEqual({ cmp: null, banner: true, rejectButton: true });

    const chat = (id: string, ch: 'chatbot' | 'livechat') => {
      const c = byId[id].channels[ch] as unknown as Record<string, unknown>;
      return { present: c.present, consentGated: c.consentGated, vendor: c.vendor, classifiedBy: c.classifiedBy };
    };
    expect(chat('mutuelle-exemple', 'livechat')).toEqual({ present: true, consentGated: true, vendor: 'tawk', classifiedBy: 'widget-text' });
    expect(chat('voyages-exemple', 'livechat')).toEqual({ present: true, consentGated: true, vendor: 'crisp', classifiedBy: 'widget-text' });
    // Tidio is gated by CookieConsent: present in the accept pass only. Its AI agent is read when the
    // launcher was opened; on a loaded machine the launcher sometimes shows up after the page was
    // read on every page, and the chat is then reported, honestly, as of unknown kind (livechat,
    // classifiedBy unknown). Either way it is Tidio and consent-gated.
    const tidio = (['chatbot', 'livechat'] as const).map((ch) => ({ ch, ...chat('energie-exemple', ch) })).filter((c) => c.present);
    const opened = tidio.some((c) => c.classifiedBy === 'widget-text');
    expect(tidio.map((c) => [c.ch, c.vendor, c.consentGated, c.classifiedBy])).toEqual(opened ? [['chatbot', 'tidio', true, 'widget-text']] : [['livechat', 'tidio', true, 'unknown']]);
    if (!opened) console.warn('energie-exemple: the Tidio launcher was not opened in this run (chat kind unknown)');
    for (const id of ['mutuelle-exemple', 'voyages-exemple']) expect(byId[id].channels.chatbot.present, id).toBe(false);
    for (const ch of ['chatbot', 'livechat'] as const) expect(byId['allocations-exemple'].channels[ch].present).toBe(false);

    const ev = evaluateMatrix(m, expected('real-cmp') as never);
    console.log(formatEvaluation(ev));
    const misses = ev.mismatches.map((x) => `${x.actor} ${x.field}`);
    const unopened = opened ? [] : ['energie-exemple chatbot.present', 'energie-exemple livechat.present'];
    expect(misses).toEqual([...unopened, ...KNOWN_MISSES]);
    expect(ev.presence.correct).toBe(ev.presence.total - unopened.length);
  });
});
