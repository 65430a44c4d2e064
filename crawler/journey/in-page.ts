/**
 * Loads the plain-JavaScript files of in-page/ (evaluated in pages as strings, never transpiled:
 * a TypeScript transpiler may inject helpers that do not exist in the page) and prepends the
 * shared prelude (in-page/prelude.js: shadow-root walk, visibility) to each, bound as `ct`.
 * `inPageCall(name, args)` is the expression to evaluate: the script applied to its arguments.
 */
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright';

export type InPageScript = 'snapshot' | 'probe' | 'widget-text' | 'consent';

const read = (name: string) => readFileSync(new URL(`./in-page/${name}.js`, import.meta.url), 'utf8');
const PRELUDE = read('prelude');
const cache = new Map<InPageScript, string>();

/** The script as a function expression with the prelude in scope as `ct`. */
export function inPageScript(name: InPageScript): string {
  let src = cache.get(name);
  if (!src) {
    src = `((ct) => (${read(name)}))(${PRELUDE})`;
    cache.set(name, src);
  }
  return src;
}

/** An expression that runs the script on `args` (JSON-serialisable). */
export function inPageCall(name: InPageScript, args: unknown): string {
  return `(${inPageScript(name)})(${JSON.stringify(args)})`;
}

/**
 * Runs the script in `target` and returns its result parsed from one JSON string. Playwright
 * returns an object by serialising it node by node in the page, then checking every field of the
 * tree against its protocol schema in Node: for a snapshot (its HTML, hundreds of links) that was
 * the largest single cost of the crawler's Node thread (the schema checks alone about 6 % of it in
 * a profiled scan). A string crosses as one value. A page that gave arrays or objects a `toJSON`
 * (old Prototype.js does) would garble JSON.stringify: there, the object is returned as before.
 */
export async function evaluateInPage<T>(target: Page | Frame, name: InPageScript, args: unknown): Promise<T> {
  const expr = `(async () => {
    const r = await ${inPageCall(name, args)};
    const tampered = typeof Array.prototype.toJSON === 'function' || typeof Object.prototype.toJSON === 'function' || typeof String.prototype.toJSON === 'function';
    return tampered ? { object: r } : { json: JSON.stringify(r) };
  })()`;
  const got = (await target.evaluate(expr)) as { json?: string; object?: T };
  return got.json !== undefined ? (JSON.parse(got.json) as T) : (got.object as T);
}
