// A judging thread (see judge-pool.ts): parses each snapshot once, checks it for a bot wall (when
// asked), and runs the registered detectors from index `from`, posting { start } before and { done }
// after each one, so the pool can stop a detector that runs over its budget by ending this thread.
// Plain JavaScript: it registers tsx, then loads the TypeScript judge.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { buildPageView } = await import('../../detectors/detector.ts');
const { detectors } = await import(workerData?.detectorsModule ?? '../../detectors/index.ts');
const { runDetector } = await import('./judge.ts');
const { detectBotWall } = await import('../../detectors/bot-wall.ts');

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
