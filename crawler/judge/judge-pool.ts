/**
 * Judging off the main thread, under a time budget: snapshots are judged by worker threads
 * (judge-worker.js), so a pathological page (a 1 MB text block, 10k nested elements) never blocks
 * the crawler's event loop, and a detector that runs over its budget is stopped (its thread ended
 * and replaced) and recorded `error`, never `absent`. The other detectors of the page still run.
 */
import { Worker } from 'node:worker_threads';
import type { BotWallResult } from '../../detectors/bot-wall.ts';
import type { Detector } from '../../detectors/detector.ts';
import { detectors as registry } from '../../detectors/index.ts';
import type { DetectorRun, Finding, PageSnapshot, SiteContext } from '../types.ts';
import type { Judgement } from './judge.ts';
import { judgeBundle } from './judge-bundle.ts';

/** Threads judging at once: one per core of the machines this runs on (2); pages queue beyond. */
export const JUDGE_THREADS = 2;
/**
 * A detector's budget on one page. Detectors take 1–100 ms on real pages; 3 s leaves room for a
 * loaded machine and still stops a runaway regex or a quadratic walk long before it stalls a scan.
 */
export const DETECTOR_BUDGET_MS = 3000;
/** Parsing one snapshot (cheerio) gets the same kind of budget: megabytes of HTML parse in well under a second. */
export const PARSE_BUDGET_MS = 5000;
/**
 * A judging thread's memory bound: a thread whose page or detector needs more is ended and the
 * detector at fault recorded `error` (a pathological page must not take the machine's memory). A
 * 1 MB text page parses and judges in well under 100 MB.
 */
export const JUDGE_HEAP_MB = 512;
/**
 * A judging thread's young generation. A page's parse allocates in bursts, and V8's default (up to
 * 48 MB per thread on 64 bits) only kept more memory resident: at concurrency 8 on the bench corpus,
 * the process's PSS went from 411 to 369 MB with 8, for the same CPU.
 */
export const JUDGE_YOUNG_GENERATION_MB = 8;

interface Job {
  id: number;
  snapshot: PageSnapshot;
  site: SiteContext;
  wallCheck: boolean;
  wall: BotWallResult | null;
  findings: Finding[];
  runs: DetectorRun[];
  /** detector being run, -1 while parsing */
  current: number;
  /** first detector of the current round (0, or after one was stopped) */
  from: number;
  resolve: (j: Judgement) => void;
}

interface Slot {
  worker: Worker;
  /** the thread has loaded the detectors (budgets only start then: loading takes seconds under load) */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const WORKER_URL = new URL('./judge-worker.js', import.meta.url);

/** What a judging thread posts back. */
interface WorkerMessage {
  id?: number;
  type: 'ready' | 'start' | 'done' | 'wall' | 'parse-error' | 'end';
  index?: number;
  findings?: Finding[];
  run?: DetectorRun;
  wall?: BotWallResult;
  error?: string;
}

export class JudgePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  private readonly size: number;
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly registry: Detector[];
  private readonly module: string | null;
  /** the threads' code: undefined until built (jobs wait), then the bundle's URL or null (tsx) */
  private bundle: string | null | undefined = undefined;
  private building: Promise<void> | null = null;

  /**
   * `detectorsModule` (a module exporting `detectors`, with the same list given as `detectors`)
   * replaces the registry: tests use it to judge with detectors of their own. `bundled: false`: the
   * threads load the TypeScript sources through tsx, as when no bundle can be built.
   */
  constructor(opts: { size?: number; budgetMs?: number; heapMb?: number; bundled?: boolean; detectorsModule?: URL; detectors?: Detector[] } = {}) {
    this.size = opts.size ?? JUDGE_THREADS;
    this.heapMb = opts.heapMb ?? JUDGE_HEAP_MB;
    this.budgetMs = opts.budgetMs ?? DETECTOR_BUDGET_MS;
    this.registry = opts.detectors ?? registry;
    this.module = opts.detectorsModule?.href ?? null;
    if (opts.bundled === false) this.bundle = null;
  }

  /** Starts the threads now (building and loading their code takes a moment): call before the first page loads. */
  warm(): void {
    if (!this.ready()) return;
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /** Whether the threads' code is built; if not, builds it, then warms the pool and runs what waits. */
  private ready(): boolean {
    if (this.bundle !== undefined) return true;
    this.building ??= judgeBundle(this.module).then((url) => {
      this.bundle = url;
      this.warm();
      this.pump();
    });
    return false;
  }

  /**
   * The crawler's judge (the journey's JudgeFn): a bot wall first, then the detectors, with the
   * runs under the page record's name. Scans and distributed workers both use it.
   */
  readonly crawlJudge = async (snapshot: PageSnapshot, site: SiteContext): Promise<{ findings: Finding[]; detectorRuns: DetectorRun[]; wall: BotWallResult | null }> => {
    const j = await this.judge(snapshot, site, { wallCheck: true });
    return { findings: j.findings, detectorRuns: j.runs, wall: j.wall ?? null };
  };

  /**
   * `wallCheck`: first look for a bot wall (detectors/bot-wall.ts); a wall page is not judged and
   * comes back as `wall` (the crawler asks; `redetect` reads the recorded wall instead).
   */
  judge(snapshot: PageSnapshot, site: SiteContext, opts: { wallCheck?: boolean } = {}): Promise<Judgement> {
    if (this.closed) return Promise.reject(new Error('judge pool closed'));
    return new Promise<Judgement>((resolve) => {
      this.waiting.push({ id: this.nextId++, snapshot, site, wallCheck: !!opts.wallCheck, wall: null, findings: [], runs: [], current: -1, from: 0, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
    this.slots.length = 0;
  }

  private pump(): void {
    if (!this.ready()) return;
    while (this.waiting.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.waiting.shift()!, 0);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: null as unknown as Worker, ready: false, job: null, timer: null };
    this.attach(slot);
    this.slots.push(slot);
    return slot;
  }

  private attach(slot: Slot): void {
    const w = new Worker(WORKER_URL, {
      workerData: { detectorsModule: this.module, bundle: this.bundle },
      resourceLimits: { maxYoungGenerationSizeMb: JUDGE_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.heapMb },
    });
    w.unref();
    slot.worker = w;
    slot.ready = false;
    w.on('message', (m: WorkerMessage) => this.onMessage(slot, w, m));
    w.on('error', (err) => this.fail(slot, w, `detector thread crashed: ${String(err?.message ?? err).slice(0, 200)}`));
    w.on('exit', () => {
      if (slot.worker === w && slot.job) this.fail(slot, w, 'detector thread exited');
    });
  }

  private start(slot: Slot, job: Job, from: number): void {
    slot.job = job;
    job.current = -1;
    job.from = from;
    if (slot.ready) this.arm(slot, PARSE_BUDGET_MS);
    slot.worker.postMessage({ id: job.id, snapshot: job.snapshot, site: job.site, from, wallCheck: job.wallCheck });
  }

  private arm(slot: Slot, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    const w = slot.worker;
    slot.timer = setTimeout(() => this.fail(slot, w, `over its time budget of ${ms} ms`), ms);
  }

  private onMessage(slot: Slot, w: Worker, m: WorkerMessage): void {
    if (slot.worker !== w) return;
    if (m.type === 'ready') {
      slot.ready = true;
      if (slot.job) this.arm(slot, PARSE_BUDGET_MS);
      return;
    }
    const job = slot.job;
    if (!job || m.id !== job.id) return;
    if (m.type === 'start') {
      job.current = m.index!;
      this.arm(slot, this.budgetMs);
    } else if (m.type === 'done') {
      job.findings.push(...m.findings!);
      job.runs.push(m.run!);
    } else if (m.type === 'wall') {
      job.wall = m.wall!;
      this.finish(slot, job, []);
    } else if (m.type === 'parse-error') {
      this.finish(slot, job, this.registry.slice(job.from).map((d) => errorRun(d.id, d.version, `page could not be parsed: ${m.error}`)));
    } else if (m.type === 'end') {
      this.finish(slot, job, []);
    }
  }

  /** The thread stalled or died: record the detector at fault (or the parse), replace the thread, go on. */
  private fail(slot: Slot, w: Worker, reason: string): void {
    const job = slot.job;
    if (slot.worker !== w || !job) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    void w.terminate().catch(() => undefined);
    this.attach(slot);
    if (job.current < 0) {
      this.finish(slot, job, this.registry.slice(job.from).map((d) => errorRun(d.id, d.version, `page not parsed: ${reason}`)));
      return;
    }
    const d = this.registry[job.current];
    job.runs.push(errorRun(d.id, d.version, `${d.id} ${reason}`));
    if (job.current + 1 < this.registry.length) this.start(slot, job, job.current + 1);
    else this.finish(slot, job, []);
  }

  private finish(slot: Slot, job: Job, extraRuns: DetectorRun[]): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    job.runs.push(...extraRuns);
    job.resolve({ findings: job.findings, runs: job.runs, wall: job.wall });
    this.pump();
  }
}

function errorRun(detector: string, version: number, error: string): DetectorRun {
  return { detector, version, outcome: 'error', ms: 0, error: error.slice(0, 300) };
}
