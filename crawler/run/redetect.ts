/**
 * `redetect --run ID`: judges the snapshots stored with a run again with today's detectors and
 * rolls them up, as a new run of the same edition (kind "redetect"), without a browser. The status,
 * error and consent record of each actor come from the original scan (they are journey facts).
 */
import { judgePage } from '../judge/judge.ts';
import { siteContext } from '../journey/journey.ts';
import { BadInputError, type Actor, type Panel } from './panel.ts';
import { rollupChannels } from '../judge/rollup.ts';
import { newRunId } from './scan.ts';
import type { Store } from '../store/store.ts';
import type { PageRecord } from '../types.ts';

export function redetect(store: Store, sourceRunId: string, io: { progress?: (l: string) => void } = {}): string {
  const source = store.getRun(sourceRunId);
  if (!source) throw new BadInputError(`--run ${sourceRunId}: unknown run`);
  const runId = newRunId();
  store.createRun({
    id: runId,
    edition: source.edition,
    kind: 'redetect',
    sourceRun: source.id,
    panelFile: source.panel_file,
    panel: JSON.parse(source.panel_json) as Panel,
    options: JSON.parse(source.options_json),
    startedAt: new Date().toISOString(),
  });
  for (const row of store.actorResults(source.id)) {
    const actor: Actor = { id: row.actor_id, name: row.name, sector: row.sector, segment: row.segment, url: row.url };
    const site = siteContext(actor);
    const pages: PageRecord[] = store.pages(source.id, row.actor_id).map((p) => {
      const snapshot = store.snapshot(p.id);
      const judged = snapshot && !p.blocked_by ? judgePage(snapshot, site) : { findings: [], runs: [] }; // a bot wall is never judged (issue 10)
      return {
        pass: p.pass,
        url: p.url,
        finalUrl: p.final_url,
        status: p.status,
        depth: p.depth,
        path: p.path,
        title: p.title ?? '',
        error: p.error,
        links: p.links,
        score: p.score,
        ms: p.ms,
        snapshot,
        screenshot: p.hasScreenshot ? store.screenshot(p.id) : null,
        findings: judged.findings,
        detectorRuns: judged.runs,
        blockedBy: p.blocked_by,
      };
    });
    const channels = rollupChannels(pages, actor.url);
    store.saveActorResult({
      runId,
      actor,
      position: row.position,
      status: row.status,
      error: row.error,
      blockedBy: row.blocked_by ?? null,
      consent: JSON.parse(row.consent_json),
      channels,
      pages,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      attempts: 1,
    });
    io.progress?.(`${actor.id}: ${pages.length} snapshots judged again`);
  }
  store.finishRun(runId, new Date().toISOString());
  return runId;
}
