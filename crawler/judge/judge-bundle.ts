/**
 * The judging threads' code as one plain-JavaScript module, built once per process with esbuild
 * (the compiler tsx itself runs on). Without it, each thread registers tsx, whose module hooks run
 * in one more thread per judging thread and compile every detector file again: about 97 MB of
 * memory per judging thread (measured: 151 MB for the main thread alone, 249 with one judging
 * thread, 346 with two), against about 15 MB with the bundle, and seconds of start-up CPU.
 *
 * The bundle is written under node_modules/.cache/contactability/ (bare imports such as cheerio
 * resolve from there as from the sources), named by a hash of its content, written to a temporary
 * name and renamed, so processes building at once never read half a file. Each source file keeps
 * its own `import.meta.url` (the vendor data files are read next to their loader). When anything
 * fails (no esbuild, a read-only install), null: the threads fall back to tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CACHE_DIR = new URL('../../node_modules/.cache/contactability/', import.meta.url);
const OWN = {
  detector: new URL('../../detectors/detector.ts', import.meta.url),
  registry: new URL('../../detectors/index.ts', import.meta.url),
  judge: new URL('./judge.ts', import.meta.url),
  botWall: new URL('../../detectors/bot-wall.ts', import.meta.url),
};

/** What a judging thread imports, from one module (`detectorsModule` replaces the registry in tests). */
function entrySource(detectorsModule: string | null): string {
  const p = (u: URL | string) => JSON.stringify(fileURLToPath(u));
  return [
    `export { buildPageView } from ${p(OWN.detector)};`,
    `export { detectors } from ${p(detectorsModule ?? OWN.registry)};`,
    `export { runDetector } from ${p(OWN.judge)};`,
    `export { detectBotWall } from ${p(OWN.botWall)};`,
  ].join('\n');
}

const built = new Map<string, Promise<string | null>>();

/** The file URL of the bundle for this detector list (built once per process), or null. */
export function judgeBundle(detectorsModule: string | null): Promise<string | null> {
  const key = detectorsModule ?? '';
  let p = built.get(key);
  if (!p) {
    p = build(detectorsModule).catch(() => null);
    built.set(key, p);
  }
  return p;
}

async function build(detectorsModule: string | null): Promise<string | null> {
  const esbuild = await import('esbuild');
  // esbuild's service process would otherwise live (idle, ~20 MB) as long as the scan
  const out = await esbuild.build({
    stdin: { contents: entrySource(detectorsModule), resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (a) => ({
            contents: readFileSync(a.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  }).finally(() => esbuild.stop());
  const code = out.outputFiles[0].text;
  const file = new URL(`judge-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`, CACHE_DIR);
  if (!existsSync(file)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${fileURLToPath(file)}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file.href;
}
