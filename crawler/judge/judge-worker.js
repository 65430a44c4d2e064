// A judging thread (see judge-pool.ts): parses each snapshot once, checks it for a bot wall (when
// asked), and runs the registered detectors from index `from`, posting { start } before and { done }
// after each one, so the pool can stop a detector that runs over its budget by ending this thread.
// Plain JavaScript: it loads the judge from the pool's bundle (judge-bundle.ts), or registers tsx
// and loads the TypeScript sources when there is none.
import { parentPort, workerData } from 'node:worker_threads';

// The bundle (judge-bundle.ts) when the pool has one; else the TypeScript sources through tsx.
async function load() {
  if (workerData?.bundle) return import(workerData.bundle);
  const { register } = await import('tsx/esm/api');
  register();
  const [{ buildPageView }, { detectors }, { runDetector }, { detectBotWall }] = await Promise.all([
    import('../../detectors/detector.ts'),
    import(workerData?.detectorsModule ?? '../../detectors/index.ts'),
    import('./judge.ts'),
    import('../../detectors/bot-wall.ts'),
  ]);
  return { buildPageView, detectors, runDetector, detectBotWall };
}
const { buildPageView, detectors, runDetector, detectBotWall } = await load();

parentPort.on('message', (job) => {
  let view;
  try {
    view = buildPageView(job.snapshot, job.site);
  } catch (err) {
    parentPort.postMessage({ id: job.id, type: 'parse-error', error: String((err && err.message) || err).slice(0, 300) });
    return;
  }
  // A bot wall (CONTRACT §7) is never judged as the actor's page. Checked here, on the parsed
  // page and under the parse budget, so that a pathological page never holds the crawler's thread.
  if (job.from === 0 && job.wallCheck) {
    const wall = detectBotWall(job.snapshot, view);
    if (wall) {
      parentPort.postMessage({ id: job.id, type: 'wall', wall });
      return;
    }
  }
  for (let i = job.from; i < detectors.length; i++) {
    parentPort.postMessage({ id: job.id, type: 'start', index: i });
    const r = runDetector(detectors[i], view);
    parentPort.postMessage({ id: job.id, type: 'done', index: i, findings: r.findings, run: r.run });
  }
  parentPort.postMessage({ id: job.id, type: 'end' });
});
parentPort.postMessage({ type: 'ready' });
