/**
 * Runs every registered detector on one page snapshot. The runner, not the detector, catches a
 * detector's error, times it and stamps its version, and records found / absent / error, so
 * "not found" is never confused with "could not check". Used by the crawler after each page and by
 * `redetect` on stored snapshots.
 */
import { performance } from 'node:perf_hooks';
import type { BotWallResult } from '../../detectors/bot-wall.ts';
import { buildPageView, type Detector, type PageView } from '../../detectors/detector.ts';
import { detectors as registry } from '../../detectors/index.ts';
import type { DetectorRun, Finding, PageSnapshot, SiteContext } from '../types.ts';

export type { DetectorRun };


export interface Judgement {
  findings: Finding[];
  runs: DetectorRun[];
  /** the judging thread found a bot wall (CONTRACT §7): the page was not judged */
  wall?: BotWallResult | null;
}

export function judgePage(snapshot: PageSnapshot, site: SiteContext, detectors: Detector[] = registry): Judgement {
  const view = buildPageView(snapshot, site);
  const findings: Finding[] = [];
  const runs: DetectorRun[] = [];
  for (const d of detectors) {
    const r = runDetector(d, view);
    findings.push(...r.findings);
    runs.push(r.run);
  }
  return { findings, runs };
}

/** One detector on one parsed page: its findings (each with evidence), and how it fared. */
export function runDetector(d: Detector, view: PageView): { findings: Finding[]; run: DetectorRun } {
  const t0 = performance.now();
  try {
    const out = d.detect(view).filter((f) => f.evidence.length > 0);
    for (const f of out) f.detector = d.id;
    return { findings: out, run: { detector: d.id, version: d.version, outcome: out.length ? 'found' : 'absent', ms: round(performance.now() - t0) } };
  } catch (err) {
    return { findings: [], run: { detector: d.id, version: d.version, outcome: 'error', ms: round(performance.now() - t0), error: String((err as Error)?.message ?? err).slice(0, 300) } };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
