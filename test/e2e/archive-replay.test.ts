/**
 * CONTRACT §9 end to end: three demo actors scanned with `--archive`, every archive read back with
 * the test's own WARC reader, then the same actors scanned again with `--replay` and no fixture
 * server: the same matrix. A request missing from the archive fails like a network error (a home
 * page on an unarchived host: net::ERR_NAME_NOT_RESOLVED), and a failed home page archives only
 * its own response.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, essence, FIXTURES, lastLine, matrixOf, tempDb } from './helpers.ts';
import { digestOf, warcOfWacz } from '../archive/warc-reader.ts';
import { createHash } from 'node:crypto';

const ACTORS = ['banque-horizon', 'cnsl', 'andv'];
/** their home pages, as fixtures/demo/panel.yaml says */
const HOME: Record<string, string> = {
  'banque-horizon': 'https://www.banque-horizon.fr/',
  cnsl: 'https://www.cnsl-solidarite.fr/',
  andv: 'https://www.andv-demarches.fr/',
};
const PANEL = `${FIXTURES}demo/panel.yaml`;

function panelFile(dir: string, actors: { id: string; url: string }[]): string {
  const file = join(dir, 'panel.yaml');
  writeFileSync(file, `edition: "2025"\nactors:\n${actors.map((a) => `  - id: ${a.id}\n    name: ${a.id}\n    sector: test\n    url: ${a.url}\n`).join('')}`);
  return file;
}

describe('archives and replay, end to end', { timeout: 900_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'ct-archive-'));
  const archiveRoot = join(work, 'archives');
  const recordedDb = tempDb('archive-rec');
  let runId = '';

  it('records one WACZ per actor and pass, every record readable with its digests', async () => {
    const r = await cli(['scan', '--panel', PANEL, '--fixtures', `${FIXTURES}demo/sites`, '--db', recordedDb, ...ACTORS.flatMap((a) => ['--actor', a]), '--concurrency', '3', '--archive', archiveRoot, '--actor-timeout', '400', '--nav-timeout', '60']);
    expect(r.code, r.stderr).toBe(0);
    runId = lastLine(r.stdout);
    // A recording cut by timeouts (an overloaded machine) cannot be compared: say so first.
    expect((await matrixOf(recordedDb)).actors.map((a) => `${a.id}: ${a.status}${a.error ? ` (${a.error})` : ''}`)).toEqual(ACTORS.map((a) => `${a}: ok`));
    expect(readdirSync(archiveRoot)).toEqual([runId]);
    const runDir = join(archiveRoot, runId);
    expect(readdirSync(runDir).sort()).toEqual([...ACTORS].sort());
    const m = await matrixOf(recordedDb);
    for (const a of m.actors) {
      const files = readdirSync(join(runDir, a.id)).sort();
      // a second pass only where a cookie banner was shown
      expect(files, a.id).toEqual(a.consent.banner ? ['accept.wacz', 'refuse.wacz'] : ['refuse.wacz']);
      for (const f of files) {
        const { zip, records } = warcOfWacz(join(runDir, a.id, f));
        const dp = JSON.parse(zip.get('datapackage.json')!.data.toString());
        for (const res of dp.resources as { path: string; hash: string }[]) {
          expect(res.hash).toBe(`sha256:${createHash('sha256').update(zip.get(res.path)!.data).digest('hex')}`);
        }
        expect(records[0].headers.get('warc-type')).toBe('warcinfo');
        const types = new Set<string>();
        for (const rec of records.slice(1)) {
          const type = rec.headers.get('warc-type')!;
          types.add(type);
          expect(['response', 'request', 'revisit']).toContain(type);
          expect(rec.headers.get('warc-target-uri')).toMatch(/^https?:\/\//);
          if (type !== 'revisit') expect(rec.headers.get('warc-payload-digest'), rec.headers.get('warc-target-uri')).toBe(digestOf(rec.headers.get('warc-payload-digest')!, rec.http!.payload));
        }
        expect(types.has('response')).toBe(true);
        const home = records.find((x) => x.headers.get('warc-type') === 'response' && x.headers.get('warc-target-uri') === HOME[a.id]);
        expect(home?.http?.firstLine, `${a.id} ${f} home`).toBe('HTTP/1.1 200 OK');
        expect(home!.http!.payload.toString('utf8')).toContain('<html');
      }
    }
    // the demo's /contact redirect, archived with its status and location
    const bh = warcOfWacz(join(runDir, 'banque-horizon', 'refuse.wacz')).records;
    const redirect = bh.find((x) => x.headers.get('warc-target-uri') === 'https://www.banque-horizon.fr/contact' && x.headers.get('warc-type') === 'response');
    expect(redirect?.http?.firstLine).toBe('HTTP/1.1 301 Moved Permanently');
    expect(redirect!.http!.headers.find(([n]) => n.toLowerCase() === 'location')?.[1]).toBe('/aide-et-contact/nous-contacter');

    const runs = (await cli(['runs', '--db', recordedDb])).stdout.trim().split('\n');
    expect(runs[1].split('\t')).toEqual([runId, '2025', 'scan', expect.any(String), expect.any(String), '3', '0', '0', resolve(archiveRoot, runId)]);
  });

  it('links each actor and each channel’s evidence to its archive in the report', async () => {
    const out = join(work, 'report');
    expect((await cli(['report', '--db', recordedDb, '--out', out])).code).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const hrefs = [...html.matchAll(/<a class="archive" href="([^"]+)"/g)].map((x) => x[1]);
    const m = await matrixOf(recordedDb);
    const present = m.actors.reduce((n, a) => n + Object.values(a.channels).filter((c) => c.present).length, 0);
    const passes = m.actors.reduce((n, a) => n + (a.consent.banner ? 2 : 1), 0);
    // actors table + evidence section heading (every pass), one per present channel
    expect(hrefs.length).toBe(2 * passes + present);
    for (const h of hrefs) {
      expect(h).toMatch(new RegExp(`^\\.\\./archives/${runId}/(banque-horizon|cnsl|andv)/(refuse|accept)\\.wacz$`));
      expect(existsSync(resolve(out, h))).toBe(true);
    }
  });

  it('replays the archives with no fixture server: the same matrix', async () => {
    const db = tempDb('archive-replay');
    const r = await cli(['scan', '--panel', PANEL, '--replay', join(archiveRoot, runId), '--db', db, ...ACTORS.flatMap((a) => ['--actor', a]), '--concurrency', '3', '--actor-timeout', '400', '--nav-timeout', '60']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/replay: \d+ captures on \d+ hosts/);
    const replayed = await matrixOf(db);
    // every actor replayed whole, or the reason first (a home page cut by a loaded machine)
    expect(replayed.actors.map((a) => `${a.id}: ${a.status}${a.error ? ` (${a.error})` : ''}`)).toEqual(ACTORS.map((a) => `${a}: ok`));
    const recorded = await matrixOf(recordedDb);
    expect(replayed.run.id).not.toBe(recorded.run.id);
    expect(essence(replayed)).toEqual(essence(recorded));
    // evidence points at the same pages
    for (const a of recorded.actors) {
      const b = replayed.actors.find((x) => x.id === a.id)!;
      for (const [k, c] of Object.entries(a.channels)) expect(b.channels[k as keyof typeof b.channels].url, `${a.id}.${k}`).toBe(c.url);
    }
  });

  it('fails cleanly on what the archive does not hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-archive-missing-'));
    const panel = panelFile(dir, [
      { id: 'absent-host', url: 'https://www.linea-reseaux.fr/' },
      { id: 'absent-page', url: 'https://www.banque-horizon.fr/nulle-part' },
    ]);
    const db = tempDb('archive-missing');
    const r = await cli(['scan', '--panel', panel, '--replay', join(archiveRoot, runId), '--db', db, '--concurrency', '2']);
    expect(r.code, r.stderr).toBe(0);
    const m = await matrixOf(db);
    const byId = Object.fromEntries(m.actors.map((a) => [a.id, a]));
    expect(byId['absent-host'].status).toBe('failed');
    expect(byId['absent-host'].error).toContain('net::ERR_NAME_NOT_RESOLVED');
    expect(byId['absent-page'].status).toBe('failed');
    expect(byId['absent-page'].error).toContain('net::ERR_EMPTY_RESPONSE');
    for (const a of m.actors) expect(Object.values(a.channels).some((c) => c.present)).toBe(false);
  });

  it('keeps only the home page’s own response (and the robots.txt read before it) when the home page failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-archive-failed-'));
    const panel = panelFile(dir, [{ id: 'home-500', url: 'https://www.banque-horizon.fr/simulateurs/credit-immobilier' }]);
    const db = tempDb('archive-failed');
    const root = join(dir, 'archives');
    const r = await cli(['scan', '--panel', panel, '--fixtures', `${FIXTURES}demo/sites`, '--db', db, '--archive', root]);
    expect(r.code, r.stderr).toBe(0);
    const id = lastLine(r.stdout);
    const m = await matrixOf(db);
    expect(m.actors[0]).toMatchObject({ status: 'failed', error: 'HTTP 500' });
    expect(readdirSync(join(root, id, 'home-500'))).toEqual(['refuse.wacz']);
    const { records } = warcOfWacz(join(root, id, 'home-500', 'refuse.wacz'));
    expect(records.map((x) => `${x.headers.get('warc-type')} ${x.headers.get('warc-target-uri') ?? ''}`.trim())).toEqual([
      'warcinfo',
      'response https://www.banque-horizon.fr/robots.txt',
      'request https://www.banque-horizon.fr/robots.txt',
      'response https://www.banque-horizon.fr/simulateurs/credit-immobilier',
      'request https://www.banque-horizon.fr/simulateurs/credit-immobilier',
    ]);
    expect(records[1].http!.firstLine).toBe('HTTP/1.1 404 Not Found');
    expect(records[3].http!.firstLine).toBe('HTTP/1.1 500 Internal Server Error');
  });
});
