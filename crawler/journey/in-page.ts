/**
 * Loads the plain-JavaScript files of in-page/ (evaluated in pages as strings, never transpiled:
 * a TypeScript transpiler may inject helpers that do not exist in the page) and prepends the
 * shared prelude (in-page/prelude.js: shadow-root walk, visibility) to each, bound as `ct`.
 * `inPageCall(name, args)` is the expression to evaluate: the script applied to its arguments.
 */
import { readFileSync } from 'node:fs';

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
