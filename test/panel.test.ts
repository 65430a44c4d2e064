import { describe, expect, it } from 'vitest';
import { BadInputError, checkPublicUrls, parsePanel } from '../crawler/run/panel.ts';

const ok = `edition: "2025"
actors:
  - id: sncf
    name: SNCF Connect
    sector: transports
    segment: operateur
    url: https://www.sncf-connect.com/
  - id: ratp
    name: RATP
    sector: transports
    url: https://www.ratp.fr/
`;

function errorOf(text: string): string {
  try {
    parsePanel(text, 'panel.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('panel', () => {
  it('reads a valid panel, segment defaulting to null', () => {
    const p = parsePanel(ok, 'panel.yaml');
    expect(p.edition).toBe('2025');
    expect(p.actors.map((a) => [a.id, a.segment])).toEqual([
      ['sncf', 'operateur'],
      ['ratp', null],
    ]);
  });
  it('accepts a numeric edition as a label', () => {
    expect(parsePanel(ok.replace('"2025"', '2024'), 'p.yaml').edition).toBe('2024');
  });
  it('names the file, the actor and the field', () => {
    expect(errorOf(ok.replace('https://www.ratp.fr/', 'www.ratp.fr'))).toBe('panel.yaml: actors[1] (id "ratp"): url: must be an absolute URL');
    expect(errorOf(ok.replace('id: sncf', 'id: SNCF_1'))).toBe('panel.yaml: actors[0] (id "SNCF_1"): id: must match [a-z0-9-]+');
    expect(errorOf(ok.replace('    name: RATP\n', ''))).toMatch(/^panel\.yaml: actors\[1\] \(id "ratp"\): name: /);
    expect(errorOf(ok.replace('id: ratp', 'id: sncf'))).toBe('panel.yaml: actors[1] (id "sncf"): id: duplicate id');
    expect(errorOf(ok.replace('https://www.ratp.fr/', 'ftp://www.ratp.fr/'))).toBe('panel.yaml: actors[1] (id "ratp"): url: must be an http(s) URL');
  });
  it('rejects broken YAML and empty panels', () => {
    expect(errorOf('actors: [')).toMatch(/^panel\.yaml: not valid YAML/);
    expect(errorOf('edition: "2025"\nactors: []\n')).toBe('panel.yaml: actors: must list at least one actor');
    expect(errorOf('edition: "2025"\n')).toMatch(/^panel\.yaml: actors: /);
  });
  it('refuses loopback and private URLs for live scans', () => {
    const p = parsePanel(ok.replace('https://www.ratp.fr/', 'http://127.0.0.1:8080/'), 'panel.yaml');
    expect(() => checkPublicUrls(p)).toThrow('panel.yaml: actors[1] (id "ratp"): url: 127.0.0.1 is a loopback or private address (use --fixtures, or --allow-private)');
    expect(() => checkPublicUrls(parsePanel(ok.replace('https://www.ratp.fr/', 'http://192.168.1.10/'), 'p'))).toThrow(/private/);
    expect(() => checkPublicUrls(parsePanel(ok, 'p'))).not.toThrow();
  });
});
