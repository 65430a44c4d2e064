/**
 * `diff --format md`: what changed between two runs or editions, worded like the study's
 * "vs last year" remarks, one line per actor:
 *   - **Banque Horizon** — livechat: ajouté (éditeur iadvize) ; phone: horaires Mo-Fr 08:00-20:00 → Mo-Sa 08:00-20:00
 */
import type { DiffChange, DiffJson } from '../types.ts';

const FIELD_FR: Record<string, string> = {
  clicks: 'clics',
  url: 'page',
  path: 'chemin',
  consentGated: 'visible après cookies seulement',
  loginGated: 'réservé aux clients',
  search: 'recherche',
  categories: 'rubriques',
  questionCount: 'questions',
  feedback: 'évaluation',
  linksToContact: 'redirection vers contact',
  vendor: 'éditeur',
  numbers: 'numéros',
  hours: 'horaires',
  callback: 'rappel',
  appointment: 'rendez-vous',
  accessible: 'service sourds et malentendants',
  fields: 'champs',
  subjectMenu: 'menu de sujets',
  upload: 'pièce jointe',
  captcha: 'captcha',
  statedDelay: 'délai de réponse indiqué',
  addresses: 'adresses',
  networks: 'réseaux',
  apps: 'applications',
  stores: 'magasins',
};

function label(field: string): string {
  return FIELD_FR[field] ?? field;
}

/** Strings of a list value (phone numbers by their number), or null when not a list. */
function listItems(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  return v.map((x) =>
    x && typeof x === 'object' && typeof (x as { number?: unknown }).number === 'string'
      ? (x as { number: string }).number
      : typeof x === 'string'
        ? x
        : JSON.stringify(x),
  );
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  const items = listItems(v);
  if (items) return items.length ? items.join(', ') : '—';
  return JSON.stringify(v);
}

/** "horaires Mo-Fr 08:00-20:00 → Mo-Sa 08:00-20:00"; lists as what was added and removed: "réseaux tiktok ajouté, x retiré". */
export function formatField(field: string, before: unknown, after: unknown): string {
  const b = listItems(before ?? []);
  const a = listItems(after ?? []);
  if (b && a && (Array.isArray(before) || Array.isArray(after))) {
    const added = a.filter((x) => !b.includes(x));
    const removed = b.filter((x) => !a.includes(x));
    if (added.length || removed.length) {
      return `${label(field)} ${[...added.map((x) => `${x} ajouté`), ...removed.map((x) => `${x} retiré`)].join(', ')}`;
    }
  }
  return `${label(field)} ${formatValue(before)} → ${formatValue(after)}`;
}

/** Values worth naming next to "ajouté"/"retiré" (e.g. the chat vendor), from the change's fields. */
function sideValues(ch: DiffChange, side: 'before' | 'after'): string {
  if (!ch.fields) return '';
  const parts: string[] = [];
  for (const [f, v] of Object.entries(ch.fields)) {
    const val = v?.[side];
    if (val === null || val === undefined || val === false || (Array.isArray(val) && !val.length)) continue;
    if (f === 'url' || f === 'path' || f === 'evidence') continue;
    parts.push(val === true ? label(f) : `${label(f)} ${formatValue(val)}`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function changeText(ch: DiffChange): string {
  if (ch.channel === '*') return ch.change === 'added' ? 'entre dans le panel' : ch.change === 'removed' ? 'sort du panel' : 'modifié';
  if (ch.change === 'added') return `${ch.channel}: ajouté${sideValues(ch, 'after')}`;
  if (ch.change === 'removed') return `${ch.channel}: retiré${sideValues(ch, 'before')}`;
  const fields = Object.entries(ch.fields ?? {}).map(([f, v]) => formatField(f, v?.before, v?.after));
  return `${ch.channel}: ${fields.length ? fields.join(', ') : 'modifié'}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

export function diffToMarkdown(d: DiffJson, names: Record<string, string> = {}): string {
  const byActor = new Map<string, DiffChange[]>();
  for (const ch of d.changes) {
    const list = byActor.get(ch.actor) ?? [];
    list.push(ch);
    byActor.set(ch.actor, list);
  }
  const count = (channelLevel: boolean, change: DiffChange['change']) =>
    d.changes.filter((c) => (c.channel === '*') !== channelLevel && c.change === change).length;

  const fromL = d.from.edition === d.to.edition ? `run ${d.from.id}` : d.from.edition;
  const toL = d.from.edition === d.to.edition ? `run ${d.to.id}` : d.to.edition;
  const out: string[] = [];
  out.push(`# Évolutions ${fromL} → ${toL}`);
  out.push('');
  out.push(`Du run \`${d.from.id}\` (édition ${d.from.edition}) au run \`${d.to.id}\` (édition ${d.to.edition}).`);
  out.push('');
  if (!d.changes.length) {
    out.push('Résumé : aucun changement.');
    return out.join('\n') + '\n';
  }
  out.push(
    `Résumé : ${plural(byActor.size, 'acteur concerné', 'acteurs concernés')} ; canaux : ` +
      `${plural(count(true, 'added'), 'ajouté', 'ajoutés')}, ${plural(count(true, 'removed'), 'retiré', 'retirés')}, ` +
      `${plural(count(true, 'changed'), 'modifié', 'modifiés')} ; acteurs : ` +
      `${plural(count(false, 'added'), 'entré', 'entrés')} dans le panel, ${plural(count(false, 'removed'), 'sorti', 'sortis')}.`,
  );
  out.push('');
  for (const [actor, changes] of byActor) {
    const ordered = [...changes.filter((c) => c.channel === '*'), ...changes.filter((c) => c.channel !== '*')];
    out.push(`- **${names[actor] ?? actor}** — ${ordered.map(changeText).join(' ; ')}`);
  }
  return out.join('\n') + '\n';
}
