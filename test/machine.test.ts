/**
 * The machine as the process's cgroup sees it (crawler/run/machine.ts): a container's CPU quota and
 * memory limit, not the host's cores and memory, set the default concurrency and the autoscaler's
 * readings. Each case writes the cgroup files a kernel would show into a temporary directory.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineView, parseProcCgroup } from '../crawler/run/machine.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ct-cgroup-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), `${text}\n`);
  }
  return root;
}

describe('the machine as its cgroup sees it', () => {
  it('reads where /proc/self/cgroup puts the process, v2 and v1', () => {
    const p = parseProcCgroup('12:cpu,cpuacct:/docker/abc\n4:memory:/process_api/7e5\n0::/\n');
    expect(p.v2).toBe('/');
    expect(p.v1.get('cpu')).toBe('/docker/abc');
    expect(p.v1.get('cpuacct')).toBe('/docker/abc');
    expect(p.v1.get('memory')).toBe('/process_api/7e5');
  });

  it('cgroup v2: the smallest CPU quota of the group and its ancestors, its CPU time, its memory less the inactive file cache', () => {
    const root = tree({
      'cgroup.controllers': 'cpu memory',
      'kubepods/cpu.max': '100000 100000', // the pod: 1 CPU
      'kubepods/web/cpu.max': '300000 100000', // the container asks 3: the pod's limit wins
      'kubepods/web/cpu.stat': 'usage_usec 5000000\nuser_usec 4000000',
      'kubepods/web/memory.max': '1000000000',
      'kubepods/web/memory.current': '600000000',
      'kubepods/web/memory.stat': 'anon 400000000\ninactive_file 100000000',
    });
    const m = machineView(root, '0::/kubepods/web\n');
    expect(m.cores).toBe(1);
    expect(m.cpu().busy).toBe(5000);
    writeFileSync(join(root, 'kubepods/web/cpu.stat'), 'usage_usec 5750000\n');
    expect(m.cpu().busy).toBe(5750);
    expect(m.freeMemory()).toBeCloseTo(0.5, 5); // (1 GB − (600 − 100) MB) / 1 GB
  });

  it('cgroup v2 without limits, and v1 with a CFS quota and an unlimited memory group', () => {
    const free = tree({ 'cgroup.controllers': 'cpu memory', 'cpu.max': 'max 100000', 'memory.max': 'max', 'memory.current': '5' });
    const host = machineView(free, '0::/\n');
    expect(host.cores).toBe(availableParallelism());
    expect(host.freeMemory()).toBeGreaterThan(0);
    expect(host.freeMemory()).toBeLessThanOrEqual(1);

    const v1 = tree({
      'cpu/docker/abc/cpu.cfs_quota_us': '50000', // half a CPU: still one actor's worth of cores
      'cpu/docker/abc/cpu.cfs_period_us': '100000',
      'cpuacct/docker/abc/cpuacct.usage': '2000000000',
      'memory/docker/abc/memory.limit_in_bytes': '9223372036854771712',
      'memory/docker/abc/memory.usage_in_bytes': '123',
    });
    const m = machineView(v1, '12:cpu:/docker/abc\n11:cpuacct:/docker/abc\n4:memory:/docker/abc\n');
    expect(m.cores).toBe(1);
    expect(m.cpu().busy).toBe(2000);
    const hostShare = m.freeMemory(); // no memory limit: the host's share, not 123 bytes of nothing
    expect(hostShare).toBeGreaterThan(0.01);
    expect(hostShare).toBeLessThanOrEqual(1);
  });

  it('no cgroup files at all: the host', () => {
    const m = machineView(tree({}), '');
    expect(m.cores).toBe(availableParallelism());
    const a = m.cpu();
    expect(a.total).toBeGreaterThan(a.busy);
  });
});
