/** Number formats, the markdown table and the command-line reader of the bench. */

export const mb = (kb: number) => Math.round(kb / 1024);
export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'NaN');
export const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'NaN');

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
