/**
 * The autoconsent rules a frame is given: only those autoconsent would run there, chosen the way
 * DuckDuckGo's own extension chooses them (its background script calls `filterCompactRules` on the
 * compact rule index with the frame's URL and whether it is the top frame). Without this, every
 * frame got all 797 rules (685 KB of JSON pushed through the protocol, parsed and turned into rule
 * objects), though ~600 of them are site-specific (a URL pattern) and a child frame only runs the
 * ~30 frame rules. We ask autoconsent's own filter which rules run. The refuse pass gets them in
 * the compact form the extension itself sends (its steps index one table of strings): 66 KB for a
 * top frame instead of 116 KB, pushed through the protocol and parsed in every frame with rules.
 * The compact form has no opt-in steps, so the accept pass gets those rules in full.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { filterCompactRules, type CompactCMPRuleset, type IndexedCMPRuleset } from '@duckduckgo/autoconsent';

const require = createRequire(import.meta.url);
export const AC_DIR = require.resolve('@duckduckgo/autoconsent/rules/rules.json').replace(/rules\/rules\.json$/, '');

/** Rule sets kept ready to send, by the names they hold: a few per scan (generic, frame, one per site-specific match). */
const MAX_CACHED = 64;

let index: { compact: IndexedCMPRuleset; json: Map<string, string> } | null = null;
const cache = new Map<string, string>();

function load(): NonNullable<typeof index> {
  if (!index) {
    const compact = JSON.parse(readFileSync(`${AC_DIR}rules/compact-rules.json`, 'utf8')) as IndexedCMPRuleset;
    const full = (JSON.parse(readFileSync(`${AC_DIR}rules/rules.json`, 'utf8')) as { autoconsent: { name: string }[] }).autoconsent;
    index = { compact, json: new Map(full.map((r) => [r.name, JSON.stringify(r)])) };
  }
  return index;
}

/** The rules autoconsent runs in a frame at `url`: its own filter, on its compact index. */
function filtered(url: string, mainFrame: boolean): CompactCMPRuleset {
  return filterCompactRules(load().compact, { url, mainFrame });
}

function namesOf(rules: CompactCMPRuleset): string[] {
  return rules.r.map((r) => r[1]);
}

/** Names of the rules autoconsent runs in a frame at `url`. */
export function ruleNamesFor(url: string, mainFrame: boolean): string[] {
  return namesOf(filtered(url, mainFrame));
}

/**
 * The rule bundle (JSON) for a frame at `url`: `{ "compact": … }` to refuse, `{ "autoconsent": [...] }`
 * (opt-in steps included) to accept; or null for a top frame that holds no web page yet (a new
 * tab's about:blank: nothing to detect, and its document is replaced by the first navigation,
 * which asks again).
 */
export function rulesFor(url: string, mainFrame: boolean, pass: 'refuse' | 'accept' = 'accept'): string | null {
  if (mainFrame && !/^https?:/i.test(url)) return null;
  const rules = filtered(url, mainFrame);
  const names = namesOf(rules);
  const key = `${pass}\n${names.join('\n')}`;
  let json = cache.get(key);
  if (!json) {
    const { json: byName } = load();
    json = pass === 'refuse' ? JSON.stringify({ compact: rules }) : `{"autoconsent":[${names.flatMap((n) => byName.get(n) ?? []).join(',')}]}`;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, json);
  }
  return json;
}
