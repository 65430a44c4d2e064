/**
 * Compares a matrix with a corpus's expected.json (ground truth an analyst recorded): presence
 * per (actor, channel), then every attribute the truth states (clicks, gating, vendor, numbers,
 * hours…), and the consent record. Used by the end-to-end tests and by
 * `node bin/run-ts.js scripts/evaluate.ts` to report accuracy on a corpus the crawler never saw.
 */
import type { MatrixJson } from '../types.ts';

export interface Mismatch {
  actor: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface Evaluation {
  presence: { correct: number; total: number };
  attributes: { correct: number; total: number };
  /** per channel: true/false positives and negatives on presence */
  perChannel: Record<string, { tp: number; fp: number; fn: number; tn: number }>;
  mismatches: Mismatch[];
}

interface Expected {
  actors: Record<string, { status?: string; consent?: Record<string, unknown>; channels?: Record<string, Record<string, unknown>> }>;
}

function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v as object).sort().map((k) => `${k}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Numbers are compared on {number, kind} (extensions such as per-number hours aside). */
function comparable(key: string, v: unknown): unknown {
  if (key === 'numbers' && Array.isArray(v)) return v.map((n: { number: string; kind: string }) => ({ number: n.number, kind: n.kind }));
  if ((key === 'networks' || key === 'apps' || key === 'stores' || key === 'addresses') && Array.isArray(v)) return [...v].sort();
  return v;
}

export function evaluateMatrix(m: MatrixJson, truth: Expected): Evaluation {
  const ev: Evaluation = { presence: { correct: 0, total: 0 }, attributes: { correct: 0, total: 0 }, perChannel: {}, mismatches: [] };
  for (const [id, exp] of Object.entries(truth.actors)) {
    const got = m.actors.find((a) => a.id === id);
    if (!got) {
      ev.mismatches.push({ actor: id, field: 'actor', expected: 'present', actual: 'missing' });
      continue;
    }
    const check = (field: string, expected: unknown, actual: unknown) => {
      ev.attributes.total++;
      if (canon(expected) === canon(actual)) ev.attributes.correct++;
      else ev.mismatches.push({ actor: id, field, expected, actual });
    };
    if (exp.status) check('status', exp.status, got.status);
    for (const [k, v] of Object.entries(exp.consent ?? {})) check(`consent.${k}`, v, (got.consent as unknown as Record<string, unknown>)[k]);
    for (const [ch, e] of Object.entries(exp.channels ?? {})) {
      const a = (got.channels as Record<string, Record<string, unknown>>)[ch] ?? { present: false };
      const pc = (ev.perChannel[ch] ??= { tp: 0, fp: 0, fn: 0, tn: 0 });
      if (typeof e.present === 'boolean') {
        ev.presence.total++;
        const ok = e.present === a.present;
        if (ok) ev.presence.correct++;
        else ev.mismatches.push({ actor: id, field: `${ch}.present`, expected: e.present, actual: a.present });
        if (e.present && a.present) pc.tp++;
        else if (!e.present && a.present) pc.fp++;
        else if (e.present && !a.present) pc.fn++;
        else pc.tn++;
        if (!ok || !e.present) continue;
      }
      for (const [k, v] of Object.entries(e)) {
        if (k === 'present' || k === 'notes' || k === 'evidence') continue;
        check(`${ch}.${k}`, comparable(k, v), comparable(k, a[k]));
      }
    }
  }
  return ev;
}

export function formatEvaluation(ev: Evaluation): string {
  const pct = (c: number, t: number) => (t ? `${((100 * c) / t).toFixed(1)}%` : 'n/a');
  const lines = [
    `presence: ${ev.presence.correct}/${ev.presence.total} (${pct(ev.presence.correct, ev.presence.total)})`,
    `attributes: ${ev.attributes.correct}/${ev.attributes.total} (${pct(ev.attributes.correct, ev.attributes.total)})`,
    'channel           precision  recall   (tp fp fn tn)',
  ];
  for (const [ch, c] of Object.entries(ev.perChannel).sort()) {
    lines.push(`${ch.padEnd(18)}${pct(c.tp, c.tp + c.fp).padStart(9)}  ${pct(c.tp, c.tp + c.fn).padStart(7)}   (${c.tp} ${c.fp} ${c.fn} ${c.tn})`);
  }
  for (const mm of ev.mismatches) lines.push(`  ✗ ${mm.actor} ${mm.field}: expected ${JSON.stringify(mm.expected)}, got ${JSON.stringify(mm.actual)}`);
  return lines.join('\n');
}
