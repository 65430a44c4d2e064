/**
 * The judging threads' bundle (crawler/judge/judge-bundle.ts): one plain-JavaScript module, named by
 * its content, under node_modules/.cache/contactability/, with each source file's own
 * import.meta.url kept (the vendor data files are read next to their loaders).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeBundle } from '../crawler/judge/judge-bundle.ts';

describe('judge bundle', () => {
  it('is built once per process into the project cache, and loads the real registry without tsx', async () => {
    const url = await judgeBundle(null);
    expect(url).toMatch(/\/node_modules\/\.cache\/contactability\/judge-[0-9a-f]{16}\.mjs$/);
    expect(await judgeBundle(null)).toBe(url);
    const code = readFileSync(fileURLToPath(url!), 'utf8');
    // no TypeScript left, and each data loader reads its file next to its own source
    expect(code).toContain(JSON.stringify(new URL('../detectors/data/chat-vendors.ts', import.meta.url).href));
    expect(code).not.toContain('import.meta.url');
    const m = await import(url!);
    const { detectors } = await import('../detectors/index.ts');
    expect(m.detectors.map((d: { id: string }) => d.id)).toEqual(detectors.map((d) => d.id));
    expect(m.loadChatVendors).toBeUndefined(); // only what a thread needs is exported
  });
});
