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
import opening_hours from 'opening_hours';
import { foldSameLength } from './text.ts';

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
/** characters allowed between "sauf" / "fermé" and the day it excepts ("sauf le ", "fermé les ") */
const MAX_EXCEPTION_GAP = 12;


type Token =
  | { t: 'day'; days: number[]; start: number; end: number; range?: boolean }
  | { t: 'time'; from: string; to: string; start: number; end: number }
  | { t: 'allday'; start: number; end: number }
  | { t: 'until'; to: string; start: number; end: number }
  | { t: 'phoff'; start: number; end: number }
  | { t: 'holiday'; start: number; end: number }
  | { t: 'except'; start: number; end: number }
  | { t: 'closed'; start: number; end: number };

const FULL_DAYS: Record<string, number> = {
  lundi: 0, mardi: 1, mercredi: 2, jeudi: 3, vendredi: 4, samedi: 5, dimanche: 6,
  lun: 0, mar: 1, mer: 2, jeu: 3, ven: 4, sam: 5, dim: 6,
};
const TWO_LETTER: Record<string, number> = { lu: 0, ma: 1, me: 2, je: 3, ve: 4, sa: 5, di: 6 };

// time: 8h, 8h30, 08h00, 8 h 30, 8:30, "9 heures", "9 heures 30"; 8.30h is not read; "midi" and "minuit"
const T = String.raw`(?:(\d{1,2})\s?(?:heures?\b|h(?![a-z])|:)\s?(\d{2})?|midi|minuit)`;
const T_BARE = String.raw`(\d{1,2})`;
// "8h30/18h": a slash between two times is a range ("24h/24" is read before, as its own token)
const SEP_TIME = String.raw`\s*(?:-|–|—|\/|a|au|jusqu'a|jusqu’a|jusqu'à)\s*`;

const TOKEN_RE = new RegExp(
  [
    // 24h/24, 24 heures sur 24, 24h24
    String.raw`(?<allday>24\s?h(?:eures)?\s?(?:\/|sur)\s?24(?:\s?h(?![a-z]))?)`,
    // 7j/7, 7 jours sur 7, 7/7, tous les jours
    String.raw`(?<week>7\s?j(?:ours)?\s?(?:\/|sur)\s?7|\b7\s?\/\s?7\b|tous\s+les\s+jours)`,
    String.raw`(?<weekdays>en\s+semaine|jours\s+ouvres)`,
    String.raw`(?<workdays>jours\s+ouvrables)`,
    String.raw`(?<weekend>(?:le\s+|les\s+)?week-?\s?ends?)`,
    String.raw`(?<phoff>(?:sauf|hors|excepte|ferme[es]{0,2}|fermeture\s+les?)\s+(?:les\s+)?(?:jours?\s+)?feries|jours\s+feries\s+(?:exclus|non\s+compris))`,
    // "dimanches et jours fériés" after an exception word: the holiday part of the exception
    String.raw`(?<holiday>\b(?:les\s+)?jours?\s+feries\b)`,
    // time ranges; "entre 9h et 18h"; "10-18h" (first bound bare)
    String.raw`(?<trange>(?:entre\s+${T}\s+et\s+${T})|(?:${T}${SEP_TIME}${T})|(?:\b${T_BARE}${SEP_TIME}${T}))`,
    // "jusqu'à 17h": a closing time alone, the opening time is borrowed from the rule before
    String.raw`(?<until>\bjusqu'(?:a|au)\s+${T})`,
    // two-letter abbreviations in a range, or alone right before a time ("Sa 9h-12h", "Sa : 9h")
    String.raw`(?<abbr2>\b(lu|ma|me|je|ve|sa|di)\.?\s*[-–]\s*(lu|ma|me|je|ve|sa|di)\b\.?)`,
    String.raw`(?<abbr1>\b(?:lu|ma|me|je|ve|sa|di)\b\.?(?=\s*:?\s*\d{1,2}\s?(?:h|:)))`,
    String.raw`(?<day>\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b|\b(?:lun|mar|mer|jeu|ven|sam|dim)\b\.?(?=\s*[-–:,\d]|\s+(?:au|a|et)\s|\s+(?:de|des|entre)\s+\d|\s*(?:lun|mar|mer|jeu|ven|sam|dim)\b))`,
    String.raw`(?<except>\b(?:sauf|hors|excepte)\b)`,
    String.raw`(?<closed>\bfermee?s?\b|\bfermeture\b)`,
  ].join('|'),
  'g',
);

function timeOf(h: string | undefined, m: string | undefined, word: string): string | null {
  if (word.startsWith('midi')) return '12:00';
  if (word.startsWith('minuit')) return '24:00';
  if (h === undefined) return null;
  const hh = Number(h);
  const mm = m === undefined ? 0 : Number(m);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) return null;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** parses the matched text of a time range into from/to */
function parseTimeRange(s: string): { from: string; to: string } | null {
  const all: string[] = [];
  // pick the two time expressions in order
  const re = /(\d{1,2})(?:\s?(?:heures?|h|:)\s?(\d{2})?)?|midi|minuit/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) && all.length < 2) {
    const t = timeOf(m[1], m[2], m[0]);
    if (!t) return null;
    all.push(t);
  }
  if (all.length !== 2) return null;
  let [from, to] = all as [string, string];
  if (from === '24:00') from = '00:00';
  if (to === '00:00') to = '24:00';
  if (from === to) return null;
  return { from, to };
}

function tokenize(f: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(f))) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = m.index + m[0].length;
    if (g.allday) out.push({ t: 'allday', start, end });
    else if (g.week) out.push({ t: 'day', days: [0, 1, 2, 3, 4, 5, 6], start, end, range: true });
    else if (g.weekdays) out.push({ t: 'day', days: [0, 1, 2, 3, 4], start, end, range: true });
    else if (g.workdays) out.push({ t: 'day', days: [0, 1, 2, 3, 4, 5], start, end, range: true });
    else if (g.weekend) out.push({ t: 'day', days: [5, 6], start, end, range: true });
    else if (g.phoff) out.push({ t: 'phoff', start, end });
    else if (g.holiday) out.push({ t: 'holiday', start, end });
    else if (g.except) out.push({ t: 'except', start, end });
    else if (g.until) {
      const mm = /(\d{1,2})\s?(?:heures?|h|:)\s?(\d{2})?|midi|minuit/.exec(m[0].slice(6));
      const to = mm ? timeOf(mm[1], mm[2], mm[0]) : null;
      if (to) out.push({ t: 'until', to: to === '00:00' ? '24:00' : to, start, end });
    } else if (g.trange) {
      const r = parseTimeRange(m[0]);
      if (r) out.push({ t: 'time', ...r, start, end });
    } else if (g.abbr2) {
      const mm = /\b(lu|ma|me|je|ve|sa|di)\.?\s*[-–]\s*(lu|ma|me|je|ve|sa|di)\b/.exec(m[0]);
      if (mm) out.push({ t: 'day', days: span(TWO_LETTER[mm[1]]!, TWO_LETTER[mm[2]]!), start, end, range: true });
    } else if (g.abbr1) {
      const d = TWO_LETTER[m[0].replace(/\.$/, '')];
      if (d !== undefined) out.push({ t: 'day', days: [d], start, end });
    } else if (g.day) {
      const word = m[0].replace(/[.s]$/, '').replace(/\.$/, '');
      const d = FULL_DAYS[word] ?? FULL_DAYS[word.replace(/s$/, '')];
      if (d !== undefined) out.push({ t: 'day', days: [d], start, end });
    } else if (g.closed) out.push({ t: 'closed', start, end });
  }
  return out;
}

function span(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; ; i = (i + 1) % 7) {
    out.push(i);
    if (i === b || out.length > 7) break;
  }
  return out;
}

/** merges day tokens joined by range / list connectors */
function mergeDays(tokens: Token[], f: string): Token[] {
  const out: Token[] = [];
  for (const tok of tokens) {
    const prev = out[out.length - 1];
    if (tok.t === 'day' && prev && prev.t === 'day') {
      const gap = f.slice(prev.end, tok.start);
      if (/^\s*(?:au|a|-|–|—|jusqu'au|jusqu’au)\s*$/.test(gap) && prev.days.length === 1 && !prev.range && tok.days.length === 1) {
        out[out.length - 1] = { t: 'day', days: span(prev.days[0]!, tok.days[0]!), start: prev.start, end: tok.end, range: true };
        continue;
      }
      if (/^\s*(?:,|et|&|\/|\+|,\s*et|ainsi\s+que)?\s*(?:le|les|du)?\s*$/.test(gap)) {
        const days = [...new Set([...prev.days, ...tok.days])];
        out[out.length - 1] = { t: 'day', days, start: prev.start, end: tok.end, range: true };
        continue;
      }
    }
    out.push(tok);
  }
  return out;
}

function daySelector(days: number[]): string {
  const set = [...new Set(days)].sort((a, b) => a - b);
  if (set.length === 7) return 'Mo-Su';
  // group consecutive runs
  const parts: string[] = [];
  let i = 0;
  while (i < set.length) {
    let j = i;
    while (j + 1 < set.length && set[j + 1] === set[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${DAY_CODES[set[i]!]}-${DAY_CODES[set[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(DAY_CODES[set[k]!]!);
    i = j + 1;
  }
  return parts.join(',');
}

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

function dedupeTimes(times: { from: string; to: string }[]): { from: string; to: string }[] {
  const seen = new Set<string>();
  return times.filter((t) => {
    const k = `${t.from}-${t.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** validates with the opening_hours package and returns its prettified value, or null */
export function validate(value: string): string | null {
  try {
    const oh = new opening_hours(value, null, { mode: 0, locale: 'fr' } as never);
    const pretty = oh.prettifyValue();
    return pretty || null;
  } catch {
    return null;
  }
}
