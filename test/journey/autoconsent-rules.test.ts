/**
 * The rules each frame is given (crawler/journey/autoconsent-rules.ts): exactly those autoconsent's
 * own filter says run there, each in full (opt-in steps included) for the accept pass, in the
 * extension's compact form for the refuse pass; none in a new tab's about:blank.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AC_DIR, ruleNamesFor, rulesFor } from '../../crawler/journey/autoconsent-rules.ts';

type Rule = { name: string; runContext?: { main?: boolean; frame?: boolean; urlPattern?: string }; optIn?: unknown[] };
const ALL = (JSON.parse(readFileSync(`${AC_DIR}rules/rules.json`, 'utf8')) as { autoconsent: Rule[] }).autoconsent;
const given = (url: string, main: boolean) => (JSON.parse(rulesFor(url, main)!) as { autoconsent: Rule[] }).autoconsent;

describe('autoconsent rules per frame', () => {
  it('a top frame gets the generic rules, plus a site-specific rule only on its own site', () => {
    // every rule autoconsent runs in a top frame there (main not false, no URL pattern or a matching one)
    const runs = (url: string) => ALL.filter((r) => r.runContext?.main !== false && (!r.runContext?.urlPattern || new RegExp(r.runContext.urlPattern).test(url))).map((r) => r.name);
    const generic = ALL.filter((r) => !r.runContext?.urlPattern).map((r) => r.name);
    const elsewhere = given('https://www.banque-exemple.fr/', true);
    expect(elsewhere.map((r) => r.name).sort()).toEqual([...generic].sort());
    expect(generic).toEqual(expect.arrayContaining(runs('https://www.banque-exemple.fr/')));
    const laposte = given('https://www.laposte.fr/', true).map((r) => r.name);
    expect(laposte).toContain('auto_CH_laposte.fr_ctu_+2');
    expect(laposte).toEqual(expect.arrayContaining(runs('https://www.laposte.fr/')));
    expect(laposte.length).toBe(generic.length + 1);
    // about a sixth of the whole rule set
    expect(rulesFor('https://www.banque-exemple.fr/', true)!.length).toBeLessThan(readFileSync(`${AC_DIR}rules/rules.json`, 'utf8').length / 4);
  });

  it('a child frame gets only frame rules whose URL pattern matches', () => {
    const inFrame = given('https://cdn.privacy-mgmt.com/index.html', false);
    expect(inFrame.length).toBeGreaterThan(0);
    for (const r of inFrame) {
      expect(r.runContext?.frame, r.name).toBe(true);
      if (r.runContext?.urlPattern) expect('https://cdn.privacy-mgmt.com/index.html').toMatch(new RegExp(r.runContext.urlPattern));
    }
    expect(given('https://www.banque-exemple.fr/widget', false).every((r) => r.runContext?.frame === true)).toBe(true);
  });

  it('rules go in full, opt-in steps included', () => {
    const sent = given('https://www.banque-exemple.fr/', true);
    const withOptIn = sent.filter((r) => (r.optIn ?? []).length > 0);
    expect(withOptIn.length).toBeGreaterThan(100);
    for (const r of sent) expect(r).toEqual(ALL.find((x) => x.name === r.name));
  });

  it('the refuse pass gets the same rules in compact form, smaller', () => {
    for (const [url, main] of [['https://www.laposte.fr/', true], ['https://cdn.privacy-mgmt.com/index.html', false]] as const) {
      const compact = JSON.parse(rulesFor(url, main, 'refuse')!) as { compact: { v: number; s: string[]; r: unknown[][] } };
      expect(compact.compact.v).toBe(1);
      expect(compact.compact.r.map((r) => r[1])).toEqual(given(url, main).map((r) => r.name));
    }
    expect(rulesFor('https://www.banque-exemple.fr/', true, 'refuse')!.length).toBeLessThan(rulesFor('https://www.banque-exemple.fr/', true)!.length * 0.7);
    expect(rulesFor('about:blank', true, 'refuse')).toBeNull();
  });

  it('a new tab before its first navigation gets none', () => {
    expect(rulesFor('about:blank', true)).toBeNull();
    expect(ruleNamesFor('about:blank', false).length).toBeGreaterThan(0); // a script-built child frame still may hold a banner
    expect(rulesFor('about:blank', false)).not.toBeNull();
  });
});
