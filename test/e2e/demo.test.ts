/**
 * The README's first quick-start command in spirit: the real CLI scans the bundled demo corpus
 * in a real browser; the matrix must match the corpus's ground truth (fixtures/demo/expected.json).
 */
import { describe, expect, it } from 'vitest';
import { evaluateMatrix, formatEvaluation } from '../../crawler/evaluate.ts';
import { CHANNELS } from '../../crawler/types.ts';
import { cliAsync, expected, FIXTURES, lastLine, matrixOf, tempDb } from './helpers.ts';

describe('demo corpus, end to end', { timeout: 600_000 }, () => {
  const db = tempDb('demo');
  it('scans every actor, prints the run id last, and the matrix matches the ground truth', async () => {
    const r = await cliAsync(['scan', '--panel', `${FIXTURES}demo/panel.yaml`, '--fixtures', `${FIXTURES}demo/sites`, '--db', db]);
    expect(r.code).toBe(0);
    const runId = lastLine(r.stdout);
    expect(runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(r.stderr).toContain(`run ${runId} finished`);

    const m = matrixOf(db);
    expect(m.run.id).toBe(runId);
    expect(m.run.edition).toBe('2025');
    expect(m.channels).toEqual([...CHANNELS]);
    expect(m.actors.map((a) => a.id)).toEqual(['banque-horizon', 'ondine-banque', 'cnsl', 'andv', 'vervane', 'altais', 'mobilis', 'trajeo', 'clairval', 'linea']);
    for (const a of m.actors) {
      expect(Object.keys(a.channels)).toEqual([...CHANNELS]);
      for (const [k, c] of Object.entries(a.channels)) {
        if (!c.present) continue;
        // evidence or it didn't happen
        expect(c.evidence?.length, `${a.id}.${k} evidence`).toBeGreaterThan(0);
        expect(typeof c.clicks).toBe('number');
        expect(c.url).toMatch(/^https?:\/\//);
      }
    }
    const ev = evaluateMatrix(m, expected('demo') as never);
    console.log(formatEvaluation(ev));
    expect(ev.presence.correct).toBe(ev.presence.total);
    expect(ev.mismatches).toEqual([]);
  });
});
