/**
 * What changed between two matrices (CONTRACT §6): channels added, removed, or changed (a channel
 * present in both whose attributes differ, evidence aside), and actors only in one of them (channel
 * `*`). Failed actors are compared as they are: a site that failed in one edition shows its
 * channels as removed, which is what the analyst must look at.
 */
import type { ChannelKey, DiffChange, DiffJson, MatrixJson } from '../types.ts';

/** Not compared: evidence and where it was seen (the path labels and the URL follow the site's wording). */
const IGNORED = new Set(['evidence', 'present', 'path', 'url']);

function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).sort().join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${canon((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Contract attributes only: per-number extensions (hours, label) are compared through `hours`. */
function comparable(key: string, v: unknown): unknown {
  if (key === 'numbers' && Array.isArray(v)) return v.map((n: { number: string; kind: string }) => ({ number: n.number, kind: n.kind }));
  return v;
}

export function diffMatrices(from: MatrixJson, to: MatrixJson): DiffJson {
  const changes: DiffChange[] = [];
  const before = new Map(from.actors.map((a) => [a.id, a]));
  const after = new Map(to.actors.map((a) => [a.id, a]));
  for (const a of from.actors) if (!after.has(a.id)) changes.push({ actor: a.id, channel: '*', change: 'removed' });
  for (const b of to.actors) {
    const a = before.get(b.id);
    if (!a) {
      changes.push({ actor: b.id, channel: '*', change: 'added' });
      continue;
    }
    for (const ch of to.channels as ChannelKey[]) {
      const x = a.channels[ch] ?? { present: false };
      const y = b.channels[ch] ?? { present: false };
      if (!x.present && y.present) changes.push({ actor: b.id, channel: ch, change: 'added' });
      else if (x.present && !y.present) changes.push({ actor: b.id, channel: ch, change: 'removed' });
      else if (x.present && y.present) {
        const fields: Record<string, { before: unknown; after: unknown }> = {};
        const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
        for (const k of [...keys].sort()) {
          if (IGNORED.has(k)) continue;
          const bx = comparable(k, x[k]);
          const ay = comparable(k, y[k]);
          if (canon(bx) !== canon(ay)) fields[k] = { before: bx ?? null, after: ay ?? null };
        }
        if (Object.keys(fields).length) changes.push({ actor: b.id, channel: ch, change: 'changed', fields });
      }
    }
  }
  return { from: { id: from.run.id, edition: from.run.edition }, to: { id: to.run.id, edition: to.run.edition }, changes };
}
