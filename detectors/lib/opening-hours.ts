/**
 * French free-text opening hours → OpenStreetMap `opening_hours` syntax. Not a detector: a pure
 * helper the phone detector calls on the text near each number.
 *
 * What it reads: day selectors ("du lundi au vendredi", "lundi au vendredi", "Lun-Ven", "Lu-Ve",
 * "lundi, mercredi et vendredi", "le samedi", "7j/7", "tous les jours", "en semaine", "jours
 * ouvrés", "jours ouvrables", "week-end"), time ranges ("de 8h30 à 19h", "8h-20h", "08h00 - 20h00",
 * "8:30-12:00", "entre 9h et 18h", "10-18h", "de 9h à midi"), "24h/24" (with 7j/7 or no days it is
 * `24/7`), the exception "sauf / hors jours fériés" (`; PH off`) and "samedi : fermé" (`Sa off`).
 * Everything else in the text is ignored, so the caller may pass a noisy paragraph.
 *
 * How: a tokenizer scans the folded text (lower case, accents removed, same length as the input)
 * for DAY / TIME / 24H / PHOFF / CLOSED tokens; consecutive DAY tokens joined by "au", "à", "-" form
 * a range, by ",", "et", "/" a list. Rules are then built in reading order: days then times ("du
 * lundi au vendredi de 9h à 12h et de 14h à 18h") or times then days ("de 8h à 20h du lundi au
 * vendredi"). The candidate string is validated and normalised by the `opening_hours` package
 * (`mode: 0`, French locale) and `prettifyValue()`; anything it rejects gives null.
 *
 * Deliberately ignored: holidays other than "jours fériés" being closed, seasonal periods ("en
 * juillet et août"), dates, "sauf le dimanche" style exceptions on other days, and comments.
 * Two-letter day abbreviations (lu, ma, me, je, ve, sa, di) are read only in a range "Lu-Ve",
 * because "je", "me", "ma", "sa" are ordinary French words.
 *
 * Known false positives: a lone day phrase ("du lundi au samedi") gives `Mo-Sa` (open all day),
 * as asked; if the nearby text speaks of something else ("livraison du lundi au samedi") the
 * hours are wrong. Three-letter abbreviations "mar", "mer", "jeu", "sam", "dim" can be words
 * ("jeu" = game, "mer" = sea); they are accepted only when followed by ".", "-", ":" , a digit or
 * another day, which rules out most prose.
 *
 * Tried and rejected: handing the raw French to `opening_hours` (it errors on "du", "au", "de…à",
 * and on "08h00-20h00", see research/derisk.md §5); a single big regex per sentence shape (too many
 * shapes, fails on one extra word).
 */
import opening_hours from 'opening_hours';
import { foldSameLength } from './text.ts';

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;


type Token =
  | { t: 'day'; days: number[]; start: number; end: number; range?: boolean }
  | { t: 'time'; from: string; to: string; start: number; end: number }
  | { t: 'allday'; start: number; end: number }
  | { t: 'phoff'; start: number; end: number }
  | { t: 'closed'; start: number; end: number };

const FULL_DAYS: Record<string, number> = {
  lundi: 0, mardi: 1, mercredi: 2, jeudi: 3, vendredi: 4, samedi: 5, dimanche: 6,
  lun: 0, mar: 1, mer: 2, jeu: 3, ven: 4, sam: 5, dim: 6,
};
const TWO_LETTER: Record<string, number> = { lu: 0, ma: 1, me: 2, je: 3, ve: 4, sa: 5, di: 6 };

// time: 8h, 8h30, 08h00, 8 h 30, 8:30, 8.30h is not read; "midi" and "minuit"
const T = String.raw`(?:(\d{1,2})\s?(?:h|:)\s?(\d{2})?|midi|minuit)`;
const T_BARE = String.raw`(\d{1,2})`;
const SEP_TIME = String.raw`\s*(?:-|–|—|a|au|jusqu'a|jusqu’a|jusqu'à)\s*`;

const TOKEN_RE = new RegExp(
  [
    // 24h/24, 24 heures sur 24, 24h24
    String.raw`(?<allday>24\s?h(?:eures)?\s?(?:\/|sur)\s?24(?:\s?h)?)`,
    // 7j/7, 7 jours sur 7, 7/7, tous les jours
    String.raw`(?<week>7\s?j(?:ours)?\s?(?:\/|sur)\s?7|\b7\s?\/\s?7\b|tous\s+les\s+jours)`,
    String.raw`(?<weekdays>en\s+semaine|jours\s+ouvres)`,
    String.raw`(?<workdays>jours\s+ouvrables)`,
    String.raw`(?<weekend>(?:le\s+|les\s+)?week-?\s?ends?)`,
    String.raw`(?<phoff>(?:sauf|hors|excepte|ferme[es]{0,2}|fermeture\s+les?)\s+(?:les\s+)?(?:dimanches?\s+et\s+)?(?:jours?\s+)?feries|jours\s+feries\s+(?:exclus|non\s+compris))`,
    // time ranges; "entre 9h et 18h"; "10-18h" (first bound bare)
    String.raw`(?<trange>(?:entre\s+${T}\s+et\s+${T})|(?:${T}${SEP_TIME}${T})|(?:\b${T_BARE}${SEP_TIME}${T}))`,
    // two-letter abbreviations in a range only
    String.raw`(?<abbr2>\b(lu|ma|me|je|ve|sa|di)\.?\s*[-–]\s*(lu|ma|me|je|ve|sa|di)\b\.?)`,
    String.raw`(?<day>\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b|\b(?:lun|mar|mer|jeu|ven|sam|dim)\b\.?(?=\s*[-–:,\d]|\s+(?:au|a|et)\s|\s*(?:lun|mar|mer|jeu|ven|sam|dim)\b))`,
    String.raw`(?<closed>\bfermee?s?\b)`,
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
  const re = /(\d{1,2})(?:\s?(?:h|:)\s?(\d{2})?)?|midi|minuit/g;
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
    else if (g.trange) {
      const r = parseTimeRange(m[0]);
      if (r) out.push({ t: 'time', ...r, start, end });
    } else if (g.abbr2) {
      const mm = /\b(lu|ma|me|je|ve|sa|di)\.?\s*[-–]\s*(lu|ma|me|je|ve|sa|di)\b/.exec(m[0]);
      if (mm) out.push({ t: 'day', days: span(TWO_LETTER[mm[1]]!, TWO_LETTER[mm[2]]!), start, end, range: true });
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
  const flush = () => {
    if (cur && (cur.days || cur.times.length || cur.off)) rules.push(cur);
    cur = null;
  };
  for (const tok of tokens) {
    if (tok.t === 'phoff') {
      phOff = true;
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
      if (c && c.days && !c.times.length) c.off = true;
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
    // time
    const c = cur as Rule | null;
    if (!c) cur = { days: null, times: [{ from: tok.from, to: tok.to }], daysFirst: false, off: false };
    else if (c.off) {
      flush();
      cur = { days: null, times: [{ from: tok.from, to: tok.to }], daysFirst: false, off: false };
    } else if (c.daysFirst || !c.days) c.times.push({ from: tok.from, to: tok.to });
    else {
      // times-then-days rule complete: a new time starts a new rule
      flush();
      cur = { days: null, times: [{ from: tok.from, to: tok.to }], daysFirst: false, off: false };
    }
  }
  flush();
  if (!rules.length) return null;
  // days without any time are kept only when written as a range or in full ("du lundi au samedi",
  // "7j/7"); a lone abbreviation ("mer.", "jeu") is too often a word
  if (!rules.some((r) => r.times.length) && !tokens.some((t) => t.t === 'day' && (t.range || /^[a-z]{5,}/.test(f.slice(t.start, t.end))))) return null;

  // 24h/24 alone or with every day: 24/7
  if (
    allDay &&
    rules.every((r) => !r.off && r.times.every((t) => t.from === '00:00' && t.to === '24:00') && (!r.days || r.days.length === 7))
  ) {
    return validate(phOff ? '24/7; PH off' : '24/7');
  }

  // a rule without days next to rules with days would mean "every day" and override them: drop it
  const kept = rules.some((r) => r.days) ? rules.filter((r) => r.days) : rules;
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
