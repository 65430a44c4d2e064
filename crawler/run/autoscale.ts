/**
 * How many actors a scan runs at once when `--concurrency` is not given: it starts at
 * DEFAULT_CONCURRENCY (three per core) and adds an actor while the machine's CPU has headroom, up to
 * MAX_CONCURRENCY (four per core), taking one back when the CPU stays saturated (never below the start).
 *
 * Why: how much of a journey is waiting depends on the network, which a fixed number cannot know.
 * On the bench corpus (2 cores), three actors per core kept the CPU about 78 % busy on a quiet
 * network and about 55 % on a realistic one (pages in hundreds of ms): the slow network left a core
 * half idle while each actor waited on its pages. The CPU target leaves headroom because the
 * crawler's waits are measured in wall-clock time: on a saturated machine pages settle late and
 * widget waits run out, which costs findings, not only seconds. Memory bounds the ceiling: four
 * actors per core peaked at 1.37–1.47 GB PSS on that corpus, within the 1.5 GB budget; and no actor
 * is added while less than a quarter of the machine's memory is available (real pages are heavier
 * than the corpus's, and a small machine must not start swapping), one is taken back under a tenth.
 */
import { MACHINE } from './machine.ts';
import { DEFAULT_CONCURRENCY } from './options.ts';

/** The ceiling: four actors per core (memory, see above). */
export const MAX_CONCURRENCY = Math.max(DEFAULT_CONCURRENCY, MACHINE.cores * 4);
/** Add an actor while the CPU (all cores) was busy less than this share of the last span. */
export const SCALE_UP_BELOW = 0.7;
/** Take one back when the CPU was busy more than this share of SATURATED_SPANS spans in a row. */
export const SCALE_DOWN_ABOVE = 0.9;
/**
 * Spans in a row over SCALE_DOWN_ABOVE before an actor is taken back: saturation is a state, not
 * one span. An actor's start (its browser context, its home page, the consent engine) is a burst of
 * CPU, so one 2-s span over 90 % is often a few actors starting at once and passes by itself; taking
 * an actor back for it (measured on the realistic network of the bench: 8 → 7 → 6 → 8 in one scan)
 * left the CPU idle once the burst was over, and made the scan's time vary by a fifth from run to run.
 */
export const SATURATED_SPANS = 3;
/** Add an actor only while at least this share of the machine's memory is available… */
export const GROW_WITH_FREE_MEMORY = 0.25;
/** …and take one back under this share. */
export const SHRINK_UNDER_FREE_MEMORY = 0.1;
/**
 * One step per this long, measured over the same span: an actor's first seconds (its browser
 * context, its home page) are its heaviest, so the effect of a step shows only after a moment.
 */
export const SCALE_EVERY_MS = 2000;

/**
 * The concurrency to use next, from the CPU's busy share over the last span, how many spans in a row
 * (this one included) it was over SCALE_DOWN_ABOVE, and the memory available now. Pure.
 */
export function nextConcurrency(current: number, busy: number, saturatedSpans: number, freeMemory: number, min: number, max: number): number {
  if ((saturatedSpans >= SATURATED_SPANS || freeMemory < SHRINK_UNDER_FREE_MEMORY) && current > min) return current - 1;
  if (busy < SCALE_UP_BELOW && freeMemory >= GROW_WITH_FREE_MEMORY && current < max) return current + 1;
  return current;
}

export interface CpuTimes {
  busy: number;
  total: number;
}

/** What a step reads: cumulative CPU times, and the share of the machine's memory available. */
export interface MachineSample {
  cpu: CpuTimes;
  freeMemory: number;
}

/** Cumulative CPU time (ms), busy and total, and the share of the memory available: the cgroup's when it sets limits (machine.ts), else the host's. */
export function machineSample(): MachineSample {
  return { cpu: MACHINE.cpu(), freeMemory: MACHINE.freeMemory() };
}

/** Adjusts a concurrency every SCALE_EVERY_MS from the CPU's busy share and the memory available; `apply` is given each new value and the busy share that led to it. */
export class Autoscaler {
  private timer: NodeJS.Timeout | null = null;
  private last: CpuTimes;
  /** spans in a row over SCALE_DOWN_ABOVE since the last change */
  private saturated = 0;
  current: number;
  /** the highest concurrency used (logs, bench) */
  peak: number;

  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly apply: (n: number, busy: number) => void,
    private readonly sample: () => MachineSample = machineSample,
  ) {
    this.current = this.peak = min;
    this.last = sample().cpu;
  }

  start(): void {
    this.timer ??= setInterval(() => this.step(), SCALE_EVERY_MS);
    this.timer.unref();
  }

  /** One adjustment, from the CPU used since the last one and the memory available now. */
  step(): void {
    const { cpu, freeMemory } = this.sample();
    const total = cpu.total - this.last.total;
    const busy = total > 0 ? (cpu.busy - this.last.busy) / total : 0;
    this.last = cpu;
    this.saturated = busy > SCALE_DOWN_ABOVE ? this.saturated + 1 : 0;
    const next = nextConcurrency(this.current, busy, this.saturated, freeMemory, this.min, this.max);
    if (next === this.current) return;
    this.saturated = 0; // the next change is judged on spans at the new concurrency
    this.current = next;
    this.peak = Math.max(this.peak, next);
    this.apply(next, busy);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
