/**
 * The generated actors' phone numbers (in ARCEP's ranges reserved for fiction, toll-free,
 * non-geographic or short, written in several French formats) with their opening hours, in French
 * and in OSM syntax.
 */
import type { Rng } from './rng.ts';
import type { GeneratedActor } from './types.ts';

/** ARCEP numbers reserved for fiction: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49 (+ 4 digits). */
const FICTION_PREFIX = ['0199 00', '0261 91', '0353 01', '0465 71', '0536 49'];

export function phoneFor(r: Rng): GeneratedActor['phone'] & { note: string } {
  const style = r.int(0, 6);
  const d2 = () => String(r.int(0, 99)).padStart(2, '0');
  const hours = r.pick([
    ['du lundi au vendredi de 8h à 20h et le samedi de 9h à 17h', 'Mo-Fr 08:00-20:00; Sa 09:00-17:00'],
    ['Lun-Ven : 8h30 - 18h30', 'Mo-Fr 08:30-18:30'],
    ['du lundi au samedi, de 9h00 à 19h00', 'Mo-Sa 09:00-19:00'],
    ['Ouvert du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h', 'Mo-Fr 09:00-12:00,14:00-17:00'],
    ['7j/7, 24h/24', '24/7'],
    ['Du lundi au vendredi, de 8 h 30 à 18 h', 'Mo-Fr 08:30-18:00'],
  ] as const);
  if (style <= 3) {
    const [a, b] = r.pick(FICTION_PREFIX).split(' ');
    const rest = [a.slice(2), b, d2(), d2()];
    const lead = a.slice(0, 2); // "01"…"05"
    const national = `${lead}${rest.join('')}`;
    const e164 = `+33${national.slice(1)}`;
    const groups = [lead, ...rest];
    const display = [
      groups.join(' '),
      groups.join('.'),
      `+33 ${lead.slice(1)} ${rest.join(' ')}`,
      `+33 (0)${lead.slice(1)} ${rest.join(' ')}`,
    ][style];
    return { display, e164, kind: 'geographic', hours: hours[0], hoursOsm: hours[1], note: 'Prix d’un appel local' };
  }
  if (style === 4) {
    const n = `0800${r.int(100, 999)}${r.int(100, 999)}`;
    return { display: `0 800 ${n.slice(4, 7)} ${n.slice(7)}`, e164: `+33${n.slice(1)}`, kind: 'tollfree', hours: hours[0], hoursOsm: hours[1], note: 'Service & appel gratuits' };
  }
  if (style === 5) {
    const n = `0977${r.int(400000, 499999)}`;
    return { display: `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 8)} ${n.slice(8)}`, e164: `+33${n.slice(1)}`, kind: 'nongeographic', hours: hours[0], hoursOsm: hours[1], note: 'Appel non surtaxé' };
  }
  const short = String(r.int(3900, 3999));
  return { display: short, e164: short, kind: 'short', hours: hours[0], hoursOsm: hours[1], note: 'Service gratuit + prix appel' };
}
