/**
 * The OSM side of opening-hours.ts: day numbers written as an `opening_hours` day selector
 * ("Mo-Fr", "Mo,We,Fr"), time ranges without duplicates, and the final check by the
 * `opening_hours` package, which prettifies the value or rejects it.
 */
import opening_hours from 'opening_hours';

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

export function daySelector(days: number[]): string {
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

export function dedupeTimes(times: { from: string; to: string }[]): { from: string; to: string }[] {
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
