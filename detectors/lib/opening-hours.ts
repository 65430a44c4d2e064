/**
 * French free-text opening hours → OpenStreetMap `opening_hours` syntax. Not a detector: a pure
 * helper the phone detector calls on the text near each number.
 *
 * Rule: convert right, or return null. Never a value that opens a day, or hours, the text does
 * not open: when a part of the text cannot be placed (a day with no time next to days with
 * times, "jusqu'à 17h" with no start to borrow), the whole value is null.
 *
 * What it reads: day selectors ("du lundi au vendredi", "lundi au vendredi", "Lun-Ven", "Lun. au
 * ven.", "Lu-Ve", "Sa 9h-12h", "lundi, mercredi et vendredi", "le samedi", "7j/7", "tous les
 * jours", "en semaine", "jours ouvrés", "jours ouvrables", "week-end"), time ranges ("de 8h30 à
 * 19h", "8h-20h", "08h00 - 20h00", "8:30-12:00", "8h30/18h", "de 9 heures à 18 heures", "entre 9h
 * et 18h", "10-18h", "de 9h à midi"), "le vendredi jusqu'à 17h" (the opening time of the rule
 * before it, up to 17:00), "24h/24" (with 7j/7 or no days it is `24/7`), exceptions: "sauf le
 * dimanche", "sauf samedi et dimanche", "hors week-end", "fermé le dimanche et le lundi" (those
 * days are taken out of every rule; a day no rule opened is written `off`), "sauf / hors jours
 * fériés" (`; PH off`) and "samedi : fermé" (`Sa off`).
 * Everything else in the text is ignored, so the caller may pass a noisy paragraph.
 *
 * How: a tokenizer scans the folded text (lower case, accents removed, same length as the input)
 * for DAY / TIME / UNTIL / 24H / HOLIDAY / EXCEPT / CLOSED tokens; consecutive DAY tokens joined by
 * "au", "à", "-" form a range, by ",", "et", "/" a list. Rules are then built in reading order: days
 * then times ("du lundi au vendredi de 9h à 12h et de 14h à 18h") or times then days ("de 8h à 20h
 * du lundi au vendredi"). Days right after EXCEPT or CLOSED are exceptions. The candidate string is
 * validated and normalised by the `opening_hours` package (`mode: 0`, French locale) and
 * `prettifyValue()`; anything it rejects gives null.
 *
 * Deliberately ignored: holidays other than "jours fériés" being closed, seasonal periods ("en
 * juillet et août"), dates, opening times given with no closing time ("à partir de 9h"), and
 * comments. Two-letter day abbreviations (lu, ma, me, je, ve, sa, di) are read only in a range
 * "Lu-Ve" or right before a time ("Sa 9h-12h"), because "je", "me", "ma", "sa" are ordinary French
 * words.
 *
 * Known false positives: a lone day phrase ("du lundi au samedi") gives `Mo-Sa` (open all day),
 * as asked; if the nearby text speaks of something else ("livraison du lundi au samedi") the
 * hours are wrong. Three-letter abbreviations "mar", "mer", "jeu", "sam", "dim" can be words
 * ("jeu" = game, "mer" = sea); they are accepted only when followed by ".", "-", ":" , a digit,
 * "de <digit>" or another day, which rules out most prose. An exception sentence about something
 * else ("livraison sauf le dimanche") still takes Sunday out.
 *
 * Tried and rejected: handing the raw French to `opening_hours` (it errors on "du", "au", "de…à",
 * and on "08h00-20h00", see research/derisk.md §5); a single big regex per sentence shape (too many
 * shapes, fails on one extra word); reading "sauf le dimanche" as a rule of its own (it opened
 * Sunday all day, issue 11).
 */
import { foldSameLength } from './text.ts';
import { mergeDays, tokenize } from './opening-hours-tokens.ts';
import { daySelector, dedupeTimes, validate } from './opening-hours-osm.ts';

export { validate } from './opening-hours-osm.ts';

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
/** characters allowed between "sauf" / "fermé" and the day it excepts ("sauf le ", "fermé les ") */
const MAX_EXCEPTION_GAP = 12;

interface Rule {
  days: number[] | null;
  times: { from: string; to: string }[];
  daysFirst: boolean;
  off: boolean;
}

/**
 * Converts French free text (a paragraph near a phone number) into a prettified OSM
 * opening_hours value, or null when no valid value can be built.
 */
export function frenchHoursToOsm(text: string): string | null {
  if (!text) return null;
  const f = foldSameLength(text.normalize('NFC').replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' ')).replace(/[’]/g, "'");
  const tokens = mergeDays(tokenize(f), f);
  if (!tokens.length) return null;

  const rules: Rule[] = [];
  let cur: Rule | null = null;
  let phOff = false;
  let allDay = false;
  /** a part of the text that cannot be placed: the whole value is null */
  let ambiguous = false;
  /** days taken out by "sauf le dimanche", "fermé le lundi", "hors week-end" */
  const negated = new Set<number>();
  /** end of the last exception word or exception day, while days that follow are exceptions */
  let negatingFrom = -1;
  const flush = () => {
    if (cur && (cur.days || cur.times.length || cur.off)) rules.push(cur);
    cur = null;
  };
  const addTime = (from: string, to: string) => {
    const c = cur as Rule | null;
    if (!c) cur = { days: null, times: [{ from, to }], daysFirst: false, off: false };
    else if (c.off) {
      flush();
      cur = { days: null, times: [{ from, to }], daysFirst: false, off: false };
    } else if (c.daysFirst || !c.days) c.times.push({ from, to });
    else {
      // times-then-days rule complete: a new time starts a new rule
      flush();
      cur = { days: null, times: [{ from, to }], daysFirst: false, off: false };
    }
  };
  for (const tok of tokens) {
    if (negatingFrom >= 0) {
      const gap = f.slice(negatingFrom, tok.start);
      if (gap.length <= MAX_EXCEPTION_GAP && !/[.;!?]/.test(gap)) {
        if (tok.t === 'day') {
          for (const d of tok.days) negated.add(d);
          negatingFrom = tok.end;
          continue;
        }
        if (tok.t === 'holiday' || tok.t === 'phoff') {
          phOff = true;
          negatingFrom = tok.end;
          continue;
        }
      }
      negatingFrom = -1;
    }
    if (tok.t === 'phoff') {
      phOff = true;
      continue;
    }
    if (tok.t === 'holiday') continue;
    if (tok.t === 'except') {
      negatingFrom = tok.end;
      continue;
    }
    if (tok.t === 'allday') {
      allDay = true;
      const c: Rule = cur ?? { days: null, times: [], daysFirst: false, off: false };
      if (c.days && c.times.length) {
        flush();
        cur = { days: null, times: [{ from: '00:00', to: '24:00' }], daysFirst: false, off: false };
      } else {
        c.times.push({ from: '00:00', to: '24:00' });
        cur = c;
      }
      continue;
    }
    if (tok.t === 'closed') {
      const c = cur as Rule | null;
      // "Samedi : fermé" closes the days just read; "fermé le lundi" closes the days that follow
      if (c && c.days && !c.times.length && !c.off) c.off = true;
      else negatingFrom = tok.end;
      continue;
    }
    if (tok.t === 'day') {
      const c = cur as Rule | null;
      if (!c) cur = { days: [...tok.days], times: [], daysFirst: true, off: false };
      else if (!c.days) c.days = [...tok.days]; // times came first
      else if (!c.times.length && !c.off) c.days = [...new Set([...c.days, ...tok.days])];
      else {
        flush();
        cur = { days: [...tok.days], times: [], daysFirst: true, off: false };
      }
      continue;
    }
    if (tok.t === 'until') {
      // "le vendredi jusqu'à 17h": the hours of the rule before, closing earlier
      const c = cur as Rule | null;
      const prev = c && c.times.length ? null : [...rules].reverse().find((r) => r.times.length && !r.off);
      if (!c || !c.days || c.times.length || !prev) {
        ambiguous = true;
        continue;
      }
      const times = prev.times.map((t) => ({ ...t }));
      const last = times[times.length - 1]!;
      if (last.from >= tok.to) {
        ambiguous = true;
        continue;
      }
      last.to = tok.to;
      c.times.push(...times);
      continue;
    }
    addTime(tok.from, tok.to);
  }
  flush();
  if (ambiguous || !rules.length) return null;
  // days without any time are kept only when written as a range or in full ("du lundi au samedi",
  // "7j/7"); a lone abbreviation ("mer.", "jeu") is too often a word
  const timed = rules.some((r) => r.times.length);
  if (!timed && !tokens.some((t) => t.t === 'day' && (t.range || /^[a-z]{5,}/.test(f.slice(t.start, t.end))))) return null;
  // a day with no time next to days with times: its hours are unknown, not "all day"
  if (timed && rules.some((r) => r.days && !r.times.length && !r.off)) return null;

  // exceptions: out of every rule; a rule without days ("24h/24 sauf le dimanche") is every other day
  const covered = new Set<number>();
  for (const r of rules) {
    if (r.off) continue;
    for (const d of r.days ?? ALL_DAYS) covered.add(d);
    if (!negated.size) continue;
    r.days = (r.days ?? ALL_DAYS).filter((d) => !negated.has(d));
  }
  const open = rules.filter((r) => !r.off && (!r.days || r.days.length));
  if (!open.length) return null;

  // 24h/24 alone or with every day: 24/7
  if (
    allDay &&
    !negated.size &&
    rules.every((r) => !r.off && r.times.every((t) => t.from === '00:00' && t.to === '24:00') && (!r.days || r.days.length === 7))
  ) {
    return validate(phOff ? '24/7; PH off' : '24/7');
  }

  // a rule without days next to rules with days would mean "every day" and override them: drop it
  const kept = rules.some((r) => r.days) ? rules.filter((r) => r.days && r.days.length) : rules;
  const parts: string[] = [];
  for (const r of kept) {
    if (r.off) {
      if (r.days) parts.push(`${daySelector(r.days)} off`);
      continue;
    }
    const sel = r.days ? daySelector(r.days) : '';
    const tm = dedupeTimes(r.times).map((t) => `${t.from}-${t.to}`).join(',');
    const s = [sel, tm].filter(Boolean).join(' ');
    if (s) parts.push(s);
  }
  if (!parts.length) return null;
  // "fermé le dimanche" where no rule opened Sunday: said explicitly
  const closedOnly = [...negated].filter((d) => !covered.has(d));
  if (closedOnly.length) parts.push(`${daySelector(closedOnly)} off`);
  if (phOff) parts.push('PH off');
  return validate(parts.join('; '));
}
