/**
 * The machine as this process's control group sees it: how many cores it may use, the CPU time it
 * used, and its memory. In a container (Docker, Kubernetes, systemd slices) the limits are the
 * cgroup's, not the host's: `os.cpus()` lists the host's 64 cores when the container may use 2, and
 * the host's CPU times and free memory say nothing of the container's own. The default and the
 * ceiling of the concurrency (options.ts, autoscale.ts) and the autoscaler's readings come from
 * here, so that a worker in a 2-CPU container runs 6 actors at once, not 192.
 *
 * Reads cgroup v2 (`cpu.max`, `cpu.stat` usage_usec, `memory.max`, `memory.current`) and v1
 * (`cpu.cfs_quota_us` / `cpu.cfs_period_us`, `cpuacct.usage`, `memory.limit_in_bytes`,
 * `memory.usage_in_bytes`), at the process's own group and its ancestors (the smallest limit
 * applies), both where /proc/self/cgroup places it and at the mount's root (a container usually
 * sees its own group as the root). Memory in use excludes the inactive file cache, which the kernel
 * reclaims before it runs short. No limit found: the host's figures (os).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';

/** v1 reports an unlimited memory group as a huge number (LONG_MAX rounded to pages): anything above this is no limit. */
const NO_LIMIT_ABOVE = 2 ** 60;

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** A "key value" line of a stat file, as a number. */
function statValue(text: string | null, key: string): number | null {
  const m = text?.match(new RegExp(`^${key} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : null;
}

/** The group directories to read for one controller: the process's group and its ancestors, then the mount's root. */
function groupDirs(mount: string, path: string): string[] {
  const dirs: string[] = [];
  const parts = path.split('/').filter(Boolean);
  for (let i = parts.length; i >= 0; i--) dirs.push(join(mount, ...parts.slice(0, i)));
  return [...new Set(dirs)];
}

export interface MachineView {
  /** cores this process may use: the host's, or fewer under a CPU quota or affinity */
  cores: number;
  /** cumulative CPU time (ms) of the group and the time it could have used (ms), for busy shares */
  cpu(): { busy: number; total: number };
  /** share of the memory available to the group (or the host), 0–1 */
  freeMemory(): number;
}

/** Where /proc/self/cgroup puts this process: the v2 path ("0::/path"), and v1 paths by controller. */
export function parseProcCgroup(text: string): { v2: string | null; v1: Map<string, string> } {
  let v2: string | null = null;
  const v1 = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = line.match(/^\d+:([^:]*):(.*)$/);
    if (!m) continue;
    if (m[1] === '') v2 = m[2];
    else for (const c of m[1].split(',')) v1.set(c, m[2]);
  }
  return { v2, v1 };
}

/** The cgroup's view of the machine under `root` (default /sys/fs/cgroup), host figures where it sets no limit. */
export function machineView(root = '/sys/fs/cgroup', procCgroup = read('/proc/self/cgroup') ?? ''): MachineView {
  const { v2, v1 } = parseProcCgroup(procCgroup);
  const hostCores = availableParallelism(); // the host's cores this process may run on (CPU affinity counts), at least 1
  // v2: one unified hierarchy, mounted at the root itself when it has cgroup.controllers
  const unified = read(join(root, 'cgroup.controllers')) !== null && v2 !== null;
  const cpuDirs = unified ? groupDirs(root, v2!) : groupDirs(join(root, 'cpu'), v1.get('cpu') ?? '/');
  const acctDirs = unified ? cpuDirs : groupDirs(join(root, 'cpuacct'), v1.get('cpuacct') ?? '/');
  const memDirs = unified ? groupDirs(root, v2!) : groupDirs(join(root, 'memory'), v1.get('memory') ?? '/');

  let quota: number | null = null;
  for (const d of cpuDirs) {
    let q: number | null = null;
    if (unified) {
      const m = read(join(d, 'cpu.max'))?.match(/^(\d+) (\d+)$/);
      if (m) q = Number(m[1]) / Number(m[2]);
    } else {
      const us = Number(read(join(d, 'cpu.cfs_quota_us')));
      const period = Number(read(join(d, 'cpu.cfs_period_us')));
      if (us > 0 && period > 0) q = us / period;
    }
    if (q !== null && (quota === null || q < quota)) quota = q;
  }
  const cores = quota === null ? hostCores : Math.max(1, Math.min(hostCores, Math.ceil(quota)));

  // The group's CPU usage (ms), from the first directory that has it: the process's own group.
  const usageMs = (): number | null => {
    for (const d of acctDirs) {
      const v = unified ? statValue(read(join(d, 'cpu.stat')), 'usage_usec') : Number(read(join(d, 'cpuacct.usage')) ?? NaN);
      if (v !== null && Number.isFinite(v)) return unified ? v / 1000 : v / 1e6;
    }
    return null;
  };
  const hostCpu = () => {
    let busy = 0;
    let total = 0;
    for (const c of cpus()) {
      const t = c.times;
      busy += t.user + t.nice + t.sys + t.irq;
      total += t.user + t.nice + t.sys + t.irq + t.idle;
    }
    return { busy, total };
  };
  const t0 = Date.now();
  const cpu = quota !== null && usageMs() !== null ? () => ({ busy: usageMs()!, total: (Date.now() - t0) * (quota as number) }) : hostCpu;

  let memLimit: number | null = null;
  let memDir: string | null = null;
  for (const d of memDirs) {
    const raw = read(join(d, unified ? 'memory.max' : 'memory.limit_in_bytes'));
    const v = raw && /^\d+$/.test(raw) ? Number(raw) : null;
    if (v !== null && v < NO_LIMIT_ABOVE && (memLimit === null || v < memLimit)) memLimit = v;
    if (memDir === null && read(join(d, unified ? 'memory.current' : 'memory.usage_in_bytes')) !== null) memDir = d;
  }
  const limit = memLimit === null ? null : Math.min(memLimit, totalmem());
  const freeMemory =
    limit === null || memDir === null
      ? () => freemem() / totalmem()
      : () => {
          const used = Number(read(join(memDir!, unified ? 'memory.current' : 'memory.usage_in_bytes')) ?? 0);
          const inactive = statValue(read(join(memDir!, 'memory.stat')), unified ? 'inactive_file' : 'total_inactive_file') ?? 0;
          return Math.max(0, Math.min(1, (limit - Math.max(0, used - inactive)) / limit));
        };
  return { cores, cpu, freeMemory };
}

/** This process's machine, read once. */
export const MACHINE = machineView();
