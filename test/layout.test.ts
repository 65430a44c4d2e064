/**
 * The folder rules of docs/architecture.md, checked on the imports of every source file: what each
 * folder may import from the others. Also: no source file over MAX_LINES, and detectors do no I/O.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A file past this is doing more than one thing (the journey was 667 lines before its split). */
const MAX_LINES = 350;

/** folder → the folders its files may import (besides itself and npm packages) */
const RULES: Record<string, string[]> = {
  'detectors': [],
  'crawler/serve': ['detectors', 'crawler/archive/zip-read.ts'],
  'crawler/store': ['detectors', 'crawler/types.ts', 'crawler/errors.ts'],
  'crawler/judge': ['detectors', 'crawler/types.ts'],
  'crawler/journey': ['detectors', 'crawler/types.ts', 'crawler/serve'],
  'crawler/report': ['detectors', 'crawler/types.ts', 'crawler/errors.ts', 'crawler/store', 'crawler/archive/paths.ts'],
  'crawler/run': ['detectors', 'crawler/types.ts', 'crawler/errors.ts', 'crawler/serve', 'crawler/store', 'crawler/judge', 'crawler/journey', 'crawler/report', 'crawler/archive'],
  'crawler/archive': ['detectors', 'crawler/types.ts', 'crawler/errors.ts', 'crawler/serve'],
  'crawler/cli': ['crawler/types.ts', 'crawler/errors.ts', 'crawler/store', 'crawler/report', 'crawler/run'],
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js)$/.test(name)) out.push(p);
  }
  return out;
}

function folderOf(file: string): string | null {
  const keys = Object.keys(RULES).sort((a, b) => b.length - a.length);
  return keys.find((k) => file === k || file.startsWith(`${k}/`)) ?? null;
}

function importsOf(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

export function violations(files: string[], rules = RULES): string[] {
  const out: string[] = [];
  for (const f of files) {
    const folder = folderOf(f);
    if (!folder) continue;
    for (const target of importsOf(f)) {
      const allowed = [folder, ...rules[folder]];
      if (!allowed.some((a) => target === a || target.startsWith(`${a}/`))) out.push(`${f} imports ${target}`);
    }
  }
  return out;
}

describe('layout', () => {
  const files = [...sources('detectors'), ...sources('crawler')];

  it('every folder imports only what its rule allows (detectors/ imports nothing from crawler/)', () => {
    expect(violations(files)).toEqual([]);
  });

  it('the rule check catches a detector importing from the crawler', () => {
    const bad = violations(['crawler/journey/journey.ts'], { ...RULES, 'crawler/journey': [] });
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.some((b) => b.includes('detectors/'))).toBe(true);
  });

  it(`no source file exceeds ${MAX_LINES} lines`, () => {
    const long = [...files, ...sources('scripts')]
      .map((f) => [f, readFileSync(join(ROOT, f), 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > MAX_LINES)
      .map(([f, n]) => `${f}: ${n}`);
    expect(long).toEqual([]);
  });

  it('detectors do no I/O: no node: module, no playwright, outside detectors/data/ loaders', () => {
    const io = sources('detectors')
      .filter((f) => !f.startsWith('detectors/data/'))
      .filter((f) => /from ['"](node:|fs|playwright|better-sqlite3)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(io).toEqual([]);
  });
});
