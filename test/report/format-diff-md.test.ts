import { describe, expect, it } from 'vitest';
import { diffToMarkdown, formatField } from '../../crawler/report/format-diff-md.ts';
import type { DiffJson } from '../../crawler/types.ts';

const DIFF: DiffJson = {
  from: { id: 'run-2024-a', edition: '2024' },
  to: { id: 'run-2025-b', edition: '2025' },
  changes: [
    { actor: 'banque-horizon', channel: 'livechat', change: 'added', fields: { vendor: { before: null, after: 'iadvize' } } },
    {
      actor: 'banque-horizon',
      channel: 'phone',
      change: 'changed',
      fields: { hours: { before: 'Mo-Fr 08:00-20:00', after: 'Mo-Sa 08:00-20:00' }, callback: { before: false, after: true } },
    },
    { actor: 'rail-express', channel: 'social', change: 'changed', fields: { networks: { before: ['facebook', 'x'], after: ['facebook', 'tiktok'] } } },
    { actor: 'rail-express', channel: 'form', change: 'removed' },
    { actor: 'rail-express', channel: 'faq', change: 'changed', fields: { clicks: { before: 2, after: 1 } } },
    { actor: 'tram-ouest', channel: '*', change: 'added' },
    { actor: 'bus-metropole', channel: '*', change: 'removed' },
  ],
};

const NAMES = { 'banque-horizon': 'Banque Horizon', 'rail-express': 'Rail Express', 'tram-ouest': 'Tram Ouest' };

describe('diffToMarkdown', () => {
  it('reads like the study’s remarks, one line per actor', () => {
    expect(diffToMarkdown(DIFF, NAMES).split('\n')).toEqual([
      '# Évolutions 2024 → 2025',
      '',
      'Du run `run-2024-a` (édition 2024) au run `run-2025-b` (édition 2025).',
      '',
      'Résumé : 4 acteurs concernés ; canaux : 1 ajouté, 1 retiré, 3 modifiés ; acteurs : 1 entré dans le panel, 1 sorti.',
      '',
      '- **Banque Horizon** — livechat: ajouté (éditeur iadvize) ; phone: horaires Mo-Fr 08:00-20:00 → Mo-Sa 08:00-20:00, rappel non → oui',
      '- **Rail Express** — social: réseaux tiktok ajouté, x retiré ; form: retiré ; faq: clics 2 → 1',
      '- **Tram Ouest** — entre dans le panel',
      '- **bus-metropole** — sort du panel',
      '',
    ]);
  });

  it('says so when nothing changed; same-edition runs are named by run id', () => {
    const md = diffToMarkdown({ from: { id: 'r1', edition: '2025' }, to: { id: 'r2', edition: '2025' }, changes: [] });
    expect(md).toBe('# Évolutions run r1 → run r2\n\nDu run `r1` (édition 2025) au run `r2` (édition 2025).\n\nRésumé : aucun changement.\n');
  });

  it('formats field values', () => {
    expect(formatField('hours', null, 'Mo-Fr 09:00-18:00')).toBe('horaires — → Mo-Fr 09:00-18:00');
    expect(formatField('numbers', [{ number: '+33142000000', kind: 'geographic' }], [{ number: '3639', kind: 'short' }])).toBe(
      'numéros 3639 ajouté, +33142000000 retiré',
    );
    expect(formatField('questionCount', 120, 140)).toBe('questions 120 → 140');
    expect(formatField('loginGated', false, true)).toBe('réservé aux clients non → oui');
  });
});
