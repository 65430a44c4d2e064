/**
 * A judge for journey tests: the real detector registry, in-process (no worker pool, no bot-wall
 * check), shaped as the journey's JudgeFn.
 */
import type { JudgeFn } from '../../crawler/journey/journey.ts';
import { judgePage } from '../../crawler/judge/judge.ts';

export const judgeInline: JudgeFn = async (snapshot, site) => {
  const j = judgePage(snapshot, site);
  return { findings: j.findings, detectorRuns: j.runs };
};
