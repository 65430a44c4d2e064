/**
 * Autoscaling a scan's concurrency (crawler/run/autoscale.ts) when no --concurrency is given: one
 * more actor while the CPU was busy less than SCALE_UP_BELOW of the time and enough memory is
 * available, one fewer after SATURATED_SPANS spans in a row above SCALE_DOWN_ABOVE or when memory
 * runs short, between the start
 * (DEFAULT_CONCURRENCY) and the ceiling.
 */
import { describe, expect, it } from 'vitest';
import { Autoscaler, GROW_WITH_FREE_MEMORY, nextConcurrency, SATURATED_SPANS, SCALE_DOWN_ABOVE, SCALE_UP_BELOW, SHRINK_UNDER_FREE_MEMORY, type CpuTimes } from '../crawler/run/autoscale.ts';
import { DEFAULT_CONCURRENCY, readRecordedOptions, resolveOptions } from '../crawler/run/options.ts';

describe('autoscaling the number of actors at once', () => {
  it('adds an actor while the CPU has headroom, takes one back when it stays saturated, within bounds', () => {
    expect(SATURATED_SPANS).toBe(3);
    expect(nextConcurrency(6, 0.5, 0, 0.6, 6, 8)).toBe(7);
    expect(nextConcurrency(8, 0.5, 0, 0.6, 6, 8)).toBe(8); // at the ceiling
    expect(nextConcurrency(7, 0.8, 0, 0.6, 6, 8)).toBe(7); // between the two thresholds: unchanged
    expect(nextConcurrency(7, 0.95, 1, 0.6, 6, 8)).toBe(7); // one saturated span: a burst, unchanged
    expect(nextConcurrency(7, 0.95, 2, 0.6, 6, 8)).toBe(7);
    expect(nextConcurrency(7, 0.95, 3, 0.6, 6, 8)).toBe(6); // three in a row: saturated
    expect(nextConcurrency(6, 0.95, 3, 0.6, 6, 8)).toBe(6); // never below the start
    expect(SCALE_UP_BELOW).toBeLessThan(SCALE_DOWN_ABOVE);
  });

  it('adds no actor while memory is short, and takes one back when it runs out', () => {
    expect(nextConcurrency(6, 0.3, 0, 0.2, 6, 8)).toBe(6); // idle CPU, but under a quarter of the memory available
    expect(nextConcurrency(7, 0.3, 0, 0.05, 6, 8)).toBe(6); // under a tenth: one back at once, however idle the CPU
    expect(nextConcurrency(6, 0.3, 0, 0.05, 6, 8)).toBe(6);
    expect(SHRINK_UNDER_FREE_MEMORY).toBeLessThan(GROW_WITH_FREE_MEMORY);
  });

  it('steps from the CPU used since its last step, and tells each change', () => {
    // cumulative CPU times as the OS gives them: each step reads the share busy since the last one
    // (the trace of a realistic-network scan: a burst of actors starting, then lasting saturation)
    const busyShares = [0.4, 0.5, 0.6, 0.97, 0.8, 0.98, 0.95, 0.93, 0.92, 0.8];
    let now: CpuTimes = { busy: 0, total: 0 };
    const sample = () => ({ cpu: now, freeMemory: 0.6 });
    const applied: number[] = [];
    const s = new Autoscaler(6, 8, (n) => applied.push(n), sample);
    for (const share of busyShares) {
      now = { busy: now.busy + share * 2000, total: now.total + 2000 };
      s.step();
    }
    // 0.4 → 7, 0.5 → 8, 0.6 at the ceiling, 0.97 alone holds, 0.98 0.95 0.93 in a row → 7,
    // then 0.92 and 0.8 hold (a new count starts at the new concurrency)
    expect(applied).toEqual([7, 8, 7]);
    expect(s.current).toBe(7);
    expect(s.peak).toBe(8);
  });

  it('is on only when no --concurrency is given, and off for runs recorded before it existed (resume)', () => {
    const auto = resolveOptions({ panelFile: 'p.yaml', db: 'x.db' }, null);
    expect(auto).toMatchObject({ concurrency: DEFAULT_CONCURRENCY, autoscale: true });
    expect(resolveOptions({ panelFile: 'p.yaml', db: 'x.db', concurrency: 3 }, null)).toMatchObject({ concurrency: 3, autoscale: false });
    expect(readRecordedOptions(JSON.stringify(auto)).autoscale).toBe(true);
    const { autoscale: _, ...old } = auto;
    expect(readRecordedOptions(JSON.stringify(old))).toMatchObject({ concurrency: DEFAULT_CONCURRENCY, autoscale: false });
  });
});
