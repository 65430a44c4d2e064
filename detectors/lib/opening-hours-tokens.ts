/**
 * The tokenizer of opening-hours.ts: finds day, time-range, "jusqu'à", 24h/24, holiday, exception
 * and "fermé" tokens in folded French text (days by name, abbreviation, range or list; times as
 * 8h30, 08:30, "9 heures", midi), then merges day tokens joined by "au" / "-" into ranges and by
 * "," / "et" into lists.
 */

export type Token =
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

export function tokenize(f: string): Token[] {
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
export function mergeDays(tokens: Token[], f: string): Token[] {
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
