/**
 * Issue 11: the holdout (fixtures/holdout/, never tuned on, its expected.json never edited to match
 * the code) must not lose ground. The floor is the first scan's score, as the README records it:
 * presence 64/66, attributes 177/187. Raising the code above it is welcome; the floor moves only
 * when a new measurement is written in the README.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMatrix, formatEvaluation } from '../../crawler/report/evaluate.ts';
import { cliAsync, expected, FIXTURES, matrixOf, tempDb } from './helpers.ts';

const PRESENCE_FLOOR = 64;
const ATTRIBUTES_FLOOR = 177;

describe('holdout corpus, never tuned on', { timeout: 900_000 }, () => {
  it(`keeps presence ≥ ${PRESENCE_FLOOR} and attributes ≥ ${ATTRIBUTES_FLOOR}`, async () => {
    const db = tempDb('holdout');
    const r = await cliAsync(['scan', '--panel', `${FIXTURES}holdout/panel.yaml`, '--fixtures', `${FIXTURES}holdout/sites`, '--db', db, '--concurrency', '2', '--actor-timeout', '400']);
    expect(r.code).toBe(0);
    const ev = evaluateMatrix(await matrixOf(db), expected('holdout') as never);
    console.log(formatEvaluation(ev));
    expect(ev.presence.correct).toBeGreaterThanOrEqual(PRESENCE_FLOOR);
    expect(ev.attributes.correct).toBeGreaterThanOrEqual(ATTRIBUTES_FLOOR);
  });
});
