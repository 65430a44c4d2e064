/**
 * Site-level decisions on chat findings, made on the explicit `basis` of each finding (and the
 * `inferred` mark of each guessed evidence line), never on signal names.
 */
import { evidence } from '../../detectors/detector.ts';
import type { ChannelKey, Finding } from '../types.ts';

/**
 * Site-level reconciliation of chat findings, for the roll-up (pure; call it on all the pages of
 * one actor, both consent passes, before merging). The crawler opens each launcher once per pass,
 * usually on the home page; on every other page the same widget is present but unopened, and the
 * detector can only guess its kind (for a "both" vendor: livechat by default). A guess must not
 * outvote what was read: when the widget of vendor V was read on some page (opened-widget or
 * widget-frame cues: `basis: 'observed'`), every page where V's chat finding is only a guess (`basis: 'inferred'`) gets, instead, V's
 * observed channels (chatbot, livechat or both), with an evidence line saying where it was read.
 * Unknown-vendor findings (vendor null) and vendors never read are left as they are.
 */
export function reconcileChatFindings<P extends { findings: Finding[]; finalUrl?: string; url?: string }>(pages: P[]): P[] {
  const observed = new Map<string, { channels: Set<ChannelKey>; where: string }>();
  for (const p of pages) {
    for (const f of p.findings) {
      if ((f.channel !== 'chatbot' && f.channel !== 'livechat') || !f.attributes.vendor) continue;
      if (f.basis !== 'observed') continue;
      const o = observed.get(f.attributes.vendor) ?? { channels: new Set<ChannelKey>(), where: f.evidence[0]?.url ?? p.finalUrl ?? p.url ?? '' };
      o.channels.add(f.channel);
      observed.set(f.attributes.vendor, o);
    }
  }
  if (!observed.size) return pages;
  return pages.map((p) => {
    const guessed = p.findings.filter(
      (f) =>
        (f.channel === 'chatbot' || f.channel === 'livechat') &&
        !!f.attributes.vendor &&
        observed.has(f.attributes.vendor) &&
        f.basis === 'inferred',
    );
    if (!guessed.length) return p;
    const findings = p.findings.filter((f) => !guessed.includes(f));
    for (const vendor of new Set(guessed.map((f) => f.attributes.vendor as string))) {
      const o = observed.get(vendor)!;
      const base = guessed.find((f) => f.attributes.vendor === vendor)!;
      const strong = base.evidence.filter((e) => !e.inferred);
      for (const ch of o.channels) {
        if (findings.some((f) => f.channel === ch)) continue;
        const note = evidence(base.evidence[0]?.url ?? '', 'widget', 'widget-read-elsewhere', `${vendor} widget read on ${o.where}: ${[...o.channels].sort().join(' + ')}`);
        // what the widget is was read elsewhere; that it is open here was observed on this page
        findings.push({ ...base, channel: ch, basis: 'observed', attributes: { ...base.attributes, classifiedBy: 'widget-text' }, evidence: [...strong.slice(0, 11), note] });
      }
    }
    return { ...p, findings };
  });
}
