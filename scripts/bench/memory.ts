/**
 * Peak memory of the bench's process tree, sampled from /proc: the RSS of this Node process plus
 * every descendant (Chromium's browser, renderer, GPU and utility processes), and the proportional
 * set size (PSS, which splits pages shared between processes).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Direct children of each pid, from /proc/<pid>/stat (field 4 is the parent pid). */
function childrenMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return map;
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
    const ppid = Number(rest[1]);
    const list = map.get(ppid);
    if (list) list.push(Number(name));
    else map.set(ppid, [Number(name)]);
  }
  return map;
}

function descendants(root: number): number[] {
  const map = childrenMap();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    for (const c of map.get(pid) ?? []) stack.push(c);
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

export interface MemorySample {
  rssKb: number;
  pssKb: number;
  nodeRssKb: number;
  processes: number;
}

export class MemorySampler {
  peak: MemorySample = { rssKb: 0, pssKb: 0, nodeRssKb: 0, processes: 0 };
  samples = 0;
  private timer: NodeJS.Timeout | null = null;
  private tick = 0;

  start(intervalMs = 250): void {
    this.peak = { rssKb: 0, pssKb: 0, nodeRssKb: 0, processes: 0 };
    this.samples = 0;
    this.tick = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): MemorySample {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak;
  }

  private sample(): void {
    const pids = descendants(process.pid);
    let rss = 0;
    for (const pid of pids) rss += procKb(`/proc/${pid}/status`, 'VmRSS');
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
