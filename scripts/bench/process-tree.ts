/**
 * Peak memory and CPU time of the bench's process tree, sampled from /proc: the RSS of this Node
 * process plus every descendant (Chromium's browser, renderer, GPU and utility processes), the
 * proportional set size (PSS, which splits pages shared between processes), and the CPU time
 * (user + system, all threads) the tree used during the run: what bounds a run's time on a small
 * machine, whatever its concurrency (CPU seconds ÷ cores).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** What one read of /proc/<pid>/stat gives the sampler: the parent, and the CPU time so far (user + system, all threads, in ticks). */
interface ProcStat {
  ppid: number;
  ticks: number;
}

/** Every process now, from one read of each /proc/<pid>/stat. */
function processTable(): Map<number, ProcStat> {
  const table = new Map<number, ProcStat>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(name), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) }); // ppid, utime, stime (fields 4, 14, 15)
  }
  return table;
}

/** `root` and every process below it in `table`. */
function descendants(root: number, table: Map<number, ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return out;
}

/** A "Key:   123 kB" line of a /proc file, in kB (0 when absent: zombie, exited, kernel thread). */
function procKb(file: string, key: string): number {
  try {
    const m = readFileSync(file, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface TreeSample {
  rssKb: number;
  pssKb: number;
  nodeRssKb: number;
  processes: number;
  /** CPU seconds used by the tree between start() and stop() (a process's last interval before it exits is lost: ≤ one sampling interval each) */
  cpuSeconds: number;
}

export class ProcessTreeSampler {
  peak: TreeSample = { rssKb: 0, pssKb: 0, nodeRssKb: 0, processes: 0, cpuSeconds: 0 };
  samples = 0;
  private timer: NodeJS.Timeout | null = null;
  private tick = 0;
  /** per process: its CPU ticks when first seen in this run (0 for one born during it), and when last seen */
  private cpu = new Map<number, { first: number; last: number }>();

  start(intervalMs = 250): void {
    this.peak = { rssKb: 0, pssKb: 0, nodeRssKb: 0, processes: 0, cpuSeconds: 0 };
    this.samples = 0;
    this.tick = 0;
    this.cpu = new Map();
    const table = processTable();
    for (const pid of descendants(process.pid, table)) {
      const t = table.get(pid)?.ticks;
      if (t !== undefined) this.cpu.set(pid, { first: t, last: t });
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): TreeSample {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    let ticks = 0;
    for (const { first, last } of this.cpu.values()) ticks += last - first;
    this.peak.cpuSeconds = ticks / USER_HZ;
    return this.peak;
  }

  private sample(): void {
    const table = processTable();
    const pids = descendants(process.pid, table);
    let rss = 0;
    for (const pid of pids) {
      rss += procKb(`/proc/${pid}/status`, 'VmRSS');
      const t = table.get(pid)?.ticks;
      if (t === undefined) continue;
      const seen = this.cpu.get(pid);
      if (seen) seen.last = t;
      else this.cpu.set(pid, { first: 0, last: t });
    }
    const nodeRss = Math.round(process.memoryUsage().rss / 1024);
    this.samples++;
    if (rss > this.peak.rssKb) this.peak.rssKb = rss;
    if (nodeRss > this.peak.nodeRssKb) this.peak.nodeRssKb = nodeRss;
    if (pids.length > this.peak.processes) this.peak.processes = pids.length;
    // PSS walks the page tables: every 4th sample (1 s) is enough and keeps the sampler cheap.
    if (this.tick++ % 4 === 0) {
      let pss = 0;
      for (const pid of pids) pss += procKb(`/proc/${pid}/smaps_rollup`, 'Pss');
      if (pss > this.peak.pssKb) this.peak.pssKb = pss;
    }
  }
}
