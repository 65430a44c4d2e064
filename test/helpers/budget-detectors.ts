// Detectors for the judge-pool test: a quick one, one that never returns, one that throws, one that
// takes all the memory it can, a quick one.
import type { Detector } from '../../detectors/detector.ts';
import { evidence } from '../../detectors/detector.ts';

const quick = (id: string): Detector => ({
  id,
  version: 1,
  channels: ['faq'],
  needs: ['html'],
  detect: (p) => (p.$('h1').length ? [{ channel: 'faq', detector: id, attributes: {}, evidence: [evidence(p.url, 'dom', 'h1', p.$('h1').first().text(), 'h1')] }] : []),
});

export const detectors: Detector[] = [
  quick('quick-first'),
  {
    id: 'never-returns',
    version: 3,
    channels: ['phone'],
    needs: ['html'],
    detect: () => {
      for (;;) {
        /* a runaway rule */
      }
    },
  },
  {
    id: 'throws',
    version: 1,
    channels: ['email'],
    needs: ['html'],
    detect: () => {
      throw new Error('boom');
    },
  },
  {
    id: 'memory-hog',
    version: 1,
    channels: ['chatbot'],
    needs: ['html'],
    detect: () => {
      const kept: number[][] = [];
      for (;;) kept.push(new Array(1_000_000).fill(kept.length));
    },
  },
  quick('quick-last'),
];
