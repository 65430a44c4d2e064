/**
 * Declared inputs against what the crawler gathers: every input a detector declares is one the
 * crawler's capture fills in, every global it declares is probed, and a detector reads no part of
 * the snapshot it does not declare (checked on its source). A signal that passes its unit test but
 * can never fire in a crawl (a global nobody probes) fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Detector } from '../../detectors/detector.ts';
import { detectors } from '../../detectors/index.ts';
import { GATHERED_INPUTS, probedGlobals } from '../../crawler/journey/capture.ts';

/** snapshot fields → the input that covers them */
const READS: [RegExp, string][] = [
  [/\b(?:snap|snapshot)\.globals\b/, 'globals'],
  [/\b(?:snap|snapshot)\.requests\b/, 'requests'],
  [/\b(?:snap|snapshot)\.widgets\b/, 'widgets'],
  [/\b(?:snap|snapshot)\.headers\b/, 'headers'],
  [/\b(?:snap|snapshot)\.title\b/, 'title'],
  [/\b(?:snap|snapshot)\.frames\b|\bpage\.frames\b/, 'frames'],
];

function problems(d: Detector, source: string, gathered: readonly string[], probed: string[]): string[] {
  const out: string[] = [];
  for (const n of d.needs) if (!gathered.includes(n)) out.push(`${d.id} declares ${n}, which the crawler never gathers`);
  for (const g of d.globals ?? []) if (!probed.includes(g)) out.push(`${d.id} looks for window.${g}, which the crawler never probes`);
  if ((d.globals ?? []).length && !d.needs.includes('globals')) out.push(`${d.id} lists globals without declaring the globals input`);
  for (const [re, input] of READS) if (re.test(source) && !d.needs.includes(input as never)) out.push(`${d.id} reads ${input} without declaring it`);
  return out;
}

describe('detector inputs', () => {
  const probed = probedGlobals(detectors);
  for (const d of detectors) {
    it(`${d.id}: declares what it reads, and the crawler gathers it`, () => {
      const source = readFileSync(new URL(`../../detectors/${d.id}.ts`, import.meta.url), 'utf8');
      expect(problems(d, source, GATHERED_INPUTS, probed)).toEqual([]);
    });
  }

  it('the crawler probes exactly the globals detectors declare (window.appleBusinessChat, window.LITHIUM included)', () => {
    expect(probed).toContain('appleBusinessChat');
    expect(probed).toContain('LITHIUM');
  });

  it('fails a detector that declares an input nobody gathers, a global nobody probes, or reads what it does not declare', () => {
    const fake: Detector = { id: 'fake-thing', version: 1, channels: ['faq'], needs: ['html', 'cookies' as never], globals: ['nobodyProbesThis'], detect: () => [] };
    expect(problems(fake, 'const x = page.snapshot.requests;', GATHERED_INPUTS, probed)).toEqual([
      'fake-thing declares cookies, which the crawler never gathers',
      'fake-thing looks for window.nobodyProbesThis, which the crawler never probes',
      'fake-thing lists globals without declaring the globals input',
      'fake-thing reads requests without declaring it',
    ]);
  });
});
