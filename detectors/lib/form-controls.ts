/**
 * Reading a form's controls as a person sees them, for the contact-form detector: the label of a
 * control (<label for>, wrapping label, aria-label, placeholder, legend, a label just before it),
 * the text of a radio or checkbox choice, a group's legend, a radio or checkbox drawn by its
 * visible label, the words of a submit control, and containers matched by id/class/name.
 */
import type { CheerioAPI } from 'cheerio';
import { collapse, fold } from './text.ts';
import { closestOf, findIn, isHiddenDeep, select } from './dom.ts';

export type Node = { type?: string; name?: string; attribs?: Record<string, string>; parent?: Node | null };

export const SUBMIT_LABEL = /\b(envoyer|envoi|valider|soumettre|transmettre|suivant|continuer|etape suivante|send|submit|next)\b/;

export function ancestorMatches(el: unknown, re: RegExp): boolean {
  let n = el as Node | null | undefined;
  for (let i = 0; n && i < 60; i++) {
    const a = n.attribs;
    if (a && re.test(`${a.id ?? ''} ${a.class ?? ''} ${a.name ?? ''}`)) return true;
    n = n.parent;
  }
  return false;
}


/** The label a person sees for a control: <label for>, wrapping label, aria-label, placeholder, name. */
export function labelOf($: CheerioAPI, el: unknown): string {
  const a = (el as Node).attribs ?? {};
  const parts: string[] = [a['aria-label'] ?? '', a.placeholder ?? '', a.title ?? '', a.name ?? '', a.id ?? ''];
  try {
    if (a.id) parts.push(select($, `label[for="${a.id.replace(/"/g, '\\"')}"]`).text());
    const wrap = closestOf($, el, 'label');
    if (wrap) parts.push($(wrap).text());
    const fs = closestOf($, el, 'fieldset');
    if (fs) parts.push($(findIn($, fs, 'legend').slice(0, 1)).text());
    if (a['aria-labelledby']) for (const id of a['aria-labelledby'].split(/\s+/)) parts.push(select($, `#${id.replace(/[^\w-]/g, '')}`).text());
    // a label just before the control in the same wrapper
    parts.push($(el as never).prev('label, span, p, div').first().text());
    parts.push($(el as never).parent().children('label').first().text());
  } catch {
    /* bad id in a selector */
  }
  return fold(collapse(parts.join(' ')));
}

/** text of a radio or checkbox choice: its label */
export function choiceText($: CheerioAPI, el: unknown): string {
  const a = (el as Node).attribs ?? {};
  let t = '';
  try {
    if (a.id) t = select($, `label[for="${a.id.replace(/"/g, '\\"')}"]`).first().text();
  } catch {
    /* an id cheerio cannot put in a selector: fall back to the wrapping label */
  }
  if (!t) {
    const wrap = closestOf($, el, 'label');
    t = wrap ? $(wrap).text() : '';
  }
  return collapse(t || a.value || '');
}

/** legend of the fieldset, or the radiogroup's label */
export function groupLabelOf($: CheerioAPI, el: unknown): string {
  const group = closestOf($, el, 'fieldset, [role="radiogroup"], [role="group"]');
  if (!group) return '';
  const fs = $(group);
  const a = fs.attr('aria-label') ?? '';
  const lb = fs.attr('aria-labelledby');
  const byId = lb ? lb.split(/\s+/).map((id) => select($, `#${id.replace(/[^\w-]/g, '')}`).text()).join(' ') : '';
  return fold(collapse(`${fs.children('legend').first().text()} ${a} ${byId}`));
}

/**
 * A radio or checkbox the crawler marked hidden but whose label is drawn in its place (DSFR
 * .fr-radio-group, custom checkboxes: the input is clipped or transparent, the label is what a
 * person clicks): a field a person fills in.
 */
export function drawnByLabel($: CheerioAPI, el: unknown): boolean {
  const n = el as Node;
  const type = (n.attribs?.type ?? '').toLowerCase();
  if (n.name !== 'input' || (type !== 'radio' && type !== 'checkbox')) return false;
  // only the input itself is hidden, not its group
  if (isHiddenDeep(n.parent)) return false;
  const id = n.attribs?.id;
  let labels: unknown[] = [];
  try {
    if (id) labels = select($, `label[for="${id.replace(/"/g, '\\"')}"]`).toArray();
  } catch {
    /* an id cheerio cannot put in a selector */
  }
  const w = closestOf($, el, 'label');
  const wrap = w ? [w] : [];
  return [...labels, ...wrap].some((l) => !isHiddenDeep(l) && collapse($(l as never).text()).length > 0);
}
