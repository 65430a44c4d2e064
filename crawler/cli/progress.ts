/**
 * Progress of the long commands (scan, redetect, schedule) on stderr: plain lines, and on a
 * terminal a bar kept on the last line (actors done / failed / running, pages).
 */
const tty = !!process.stderr.isTTY;
let bar = '';
export const progress = (line: string) => process.stderr.write(tty && bar ? `\r\x1b[2K${line}\n${bar}` : `${line}\n`);
export function showStatus(s: { total: number; done: number; failed: number; running: number; pages: number }): void {
  if (!tty) return;
  const width = 24;
  const filled = s.total ? Math.round((width * s.done) / s.total) : 0;
  bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${s.done}/${s.total} actors, ${s.failed} failed, ${s.running} running, ${s.pages} pages`;
  process.stderr.write(`\r\x1b[2K${bar}`);
  if (s.done === s.total && s.running === 0) {
    process.stderr.write('\n');
    bar = '';
  }
}
