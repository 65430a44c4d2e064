import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectBotWall } from '../detectors/bot-wall.ts';
import { JudgePool } from '../crawler/judge/judge-pool.ts';
import { judgePage } from '../crawler/judge/judge.ts';
import type { PageSnapshot, SiteContext } from '../crawler/types.ts';
import { detectors as budgetDetectors } from './helpers/budget-detectors.ts';

const site: SiteContext = { actorId: 'a', actorName: 'A', homeUrl: 'https://www.a.fr/', domain: 'a.fr' };
const snap = (html: string): PageSnapshot => ({
  url: 'https://www.a.fr/aide',
  finalUrl: 'https://www.a.fr/aide',
  status: 200,
  depth: 1,
  path: [],
  title: 'Aide',
  html,
  frames: [],
  requests: [],
  globals: [],
  widgets: [],
  pass: 'refuse',
  capturedAt: '2026-01-01T00:00:00.000Z',
});

const pools: JudgePool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('judge pool', () => {
  it('stops a detector over its time or memory budget, records it as error (not absent), and runs the others', async () => {
    const pool = new JudgePool({ size: 1, budgetMs: 1500, heapMb: 64, detectorsModule: new URL('./helpers/budget-detectors.ts', import.meta.url), detectors: budgetDetectors });
    pools.push(pool);
    const tick = { n: 0 };
    const ticker = setInterval(() => tick.n++, 50);
    const j = await pool.judge(snap('<h1>Questions fréquentes</h1>'), site);
    clearInterval(ticker);
    // The main thread kept running while the runaway detector spun in its thread.
    expect(tick.n).toBeGreaterThan(10);
    expect(j.runs.map((r) => [r.detector, r.outcome])).toEqual([
      ['quick-first', 'found'],
      ['never-returns', 'error'],
      ['throws', 'error'],
      ['memory-hog', 'error'],
      ['quick-last', 'found'],
    ]);
    expect(j.runs[1]).toMatchObject({ version: 3, error: 'never-returns over its time budget of 1500 ms' });
    expect(j.runs[2].error).toBe('boom');
    expect(j.runs[3].error).toMatch(/^memory-hog detector thread crashed: .*memory limit/);
    expect(j.findings.map((f) => f.detector)).toEqual(['quick-first', 'quick-last']);
    // the replaced thread serves the next page
    const again = await pool.judge(snap('<p>rien</p>'), site);
    expect(again.runs.map((r) => r.outcome)).toEqual(['absent', 'error', 'error', 'error', 'absent']);
  });

  // Threads load the judge from the esbuild bundle (judge-bundle.ts), or through tsx when none can be built.
  it.each([true, false])('gives the same findings as judging in-process, on a real page with the real registry (bundled: %s)', async (bundled) => {
    const pool = new JudgePool({ bundled });
    pools.push(pool);
    const html = `<html><body><h1>Nous contacter</h1><p>Service client : <a href="tel:+33969321515">09 69 32 15 15</a>, du lundi au vendredi de 8h à 20h.</p>
      <a href="mailto:contact@a.fr">contact@a.fr</a><a href="https://www.facebook.com/banquea">Facebook</a></body></html>`;
    const inline = judgePage(snap(html), site);
    const pooled = await pool.judge(snap(html), site);
    expect(pooled.findings).toEqual(inline.findings);
    expect(pooled.runs.map((r) => [r.detector, r.outcome])).toEqual(inline.runs.map((r) => [r.detector, r.outcome]));
    expect(pooled.findings.map((f) => f.channel).sort()).toEqual(['email', 'phone', 'social']);
  });

  it('looks for a bot wall first when asked: a wall page comes back as such, not judged; an ordinary page is judged', async () => {
    const pool = new JudgePool();
    pools.push(pool);
    const html = readFileSync(new URL('../fixtures/robustness/sites/www.nuage-protege.fr/index.html', import.meta.url), 'utf8');
    const wallPage = { ...snap(html), title: 'Just a moment...', status: 403, headers: { 'cf-mitigated': 'challenge' } };
    const inThread = await pool.judge(wallPage, site, { wallCheck: true });
    expect(inThread.wall).toEqual(detectBotWall(wallPage));
    expect(inThread.wall?.service).toBe('cloudflare');
    expect(inThread.runs).toEqual([]);
    expect(inThread.findings).toEqual([]);
    // not asked (redetect reads the recorded wall): judged as any page
    const notAsked = await pool.judge(wallPage, site);
    expect(notAsked.wall).toBeNull();
    expect(notAsked.runs).toHaveLength(inlineCount());
    const ordinary = await pool.judge(snap('<h1>Nous contacter</h1><a href="tel:+33969321515">09 69 32 15 15</a>'), site, { wallCheck: true });
    expect(ordinary.wall).toBeNull();
    expect(ordinary.findings.map((f) => f.channel)).toEqual(['phone']);
  });

  it('keeps the event loop free on a pathological page (1 MB of text, 10k nested elements)', async () => {
    const pool = new JudgePool();
    pools.push(pool);
    const big = `<p>${'lorem ipsum dolor sit amet 01 23 45 '.repeat(30_000)}</p>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}`;
    let maxGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 20);
    const j = await pool.judge(snap(big), site);
    clearInterval(ticker);
    expect(j.runs).toHaveLength(inlineCount());
    // judged elsewhere: the crawler's loop never stalled for seconds (structured clone of 1 MB aside)
    expect(maxGap).toBeLessThan(1000);
  });
});

function inlineCount(): number {
  return judgePage(snap('<p></p>'), site).runs.length;
}
