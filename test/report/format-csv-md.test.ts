import { describe, expect, it } from 'vitest';
import { csvField, matrixToCsv } from '../../crawler/report/format-csv.ts';
import { matrixToMarkdown } from '../../crawler/report/format-md.ts';
import { hoursFr, formatPhoneFr } from '../../crawler/report/common.ts';
import { SAMPLE_MATRIX } from './sample-matrix.ts';

const HEADER =
  'id,name,sector,segment,status,error,pagesVisited,consent_cmp,consent_banner,consent_rejectButton,' +
  'faq,faq_clicks,faq_gating,chatbot,chatbot_clicks,chatbot_gating,livechat,livechat_clicks,livechat_gating,' +
  'phone,phone_clicks,phone_gating,form,form_clicks,form_gating,email,email_clicks,email_gating,' +
  'social,social_clicks,social_gating,messaging,messaging_clicks,messaging_gating,' +
  'secure_messaging,secure_messaging_clicks,secure_messaging_gating,forum,forum_clicks,forum_gating,' +
  'mobile_app,mobile_app_clicks,mobile_app_gating,' +
  'phone_numbers,phone_hours,chatbot_vendor,livechat_vendor,form_fields,faq_questionCount,social_networks,messaging_apps,mobile_app_stores,email_addresses,blockedBy';

describe('matrixToCsv', () => {
  const csv = matrixToCsv(SAMPLE_MATRIX);
  const lines = csv.split('\r\n');

  it('has the header, one CRLF-terminated row per actor', () => {
    expect(lines[0]).toBe(HEADER);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines.length).toBe(1 + SAMPLE_MATRIX.actors.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('writes a bank row exactly', () => {
    expect(lines[1]).toBe(
      'banque-horizon,Banque Horizon,banque,traditionnelle,ok,,18,onetrust,1,1,' +
        '1,1,open,1,0,cookies,1,2,customers,1,1,open,0,,,0,,,1,0,open,0,,,1,1,customers,0,,,1,0,open,' +
        '+33142000000 | +33800123456,Mo-Fr 08:00-20:00; Sa 09:00-17:30,inbenta,iadvize,,240,facebook | x | linkedin | youtube,,ios | android,,',
    );
  });

  it('quotes the partial actor’s error (it has a comma) and leaves the failed actor’s channels at 0', () => {
    expect(lines[5]).toBe(
      'rail-express,Rail Express,transports,opérateur,partial,"budget de pages atteint (30 pages), FAQ non parcourue en entier",30,onetrust,1,1,' +
        '1,1,open,1,0,open,1,3,open,1,2,open,0,,,0,,,1,0,open,1,0,cookies,0,,,1,2,open,1,0,open,' +
        '3635,Mo-Su 07:00-22:00,inbenta,iadvize,,320,facebook | x | instagram,whatsapp | messenger,ios | android,,',
    );
    expect(lines[6]).toBe(
      'bus-metropole,Bus Métropole,transports,,failed,net::ERR_NAME_NOT_RESOLVED at https://www.bus-metropole.fr/,0,,0,0,' +
        Array(11).fill('0,,').join(',') +
        ',,,,,,,,,,,',
    );
  });

  it('a blocked actor (CONTRACT §7): every channel reads "blocked (service)", never 0, and blockedBy is the last column', () => {
    const m = { ...SAMPLE_MATRIX, actors: SAMPLE_MATRIX.actors.map((a) => (a.id === 'bus-metropole' ? { ...a, error: 'blocked by datadome', blockedBy: 'datadome' } : a)) };
    const row = matrixToCsv(m).split('\r\n')[6];
    expect(row).toBe('bus-metropole,Bus Métropole,transports,,failed,blocked by datadome,0,,0,0,' + Array(11).fill('blocked (datadome),,').join(',') + ',,,,,,,,,,,datadome');
    const md = matrixToMarkdown(m);
    expect(md.split('\n').find((l) => l.startsWith('| Bus Métropole'))!.split('|').map((c) => c.trim()).slice(1, -1)).toEqual(['Bus Métropole', 'failed', ...Array(11).fill('blocked (datadome)')]);
  });

  it('the login+cookies cell reads as customers (login wins)', () => {
    const cols = HEADER.split(',');
    const row = lines[3].split(',');
    expect(row[cols.indexOf('secure_messaging_gating')]).toBe('customers');
    expect(row[cols.indexOf('livechat_gating')]).toBe('cookies');
  });

  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });
});

function tableRow(md: string, first: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${first} `));
  if (!line) throw new Error(`no row ${first}`);
  return line
    .slice(1, -1)
    .split(' | ')
    .map((c) => c.trim());
}

describe('matrixToMarkdown', () => {
  const md = matrixToMarkdown(SAMPLE_MATRIX);

  it('starts with the edition, run and actor counts', () => {
    const head = md.split('\n').slice(0, 4);
    expect(head).toEqual([
      '# Contactability matrix — edition 2025',
      '',
      'Run run-2025-03-14-a1b2 · started 14/03/2025 09:00 UTC · finished 14/03/2025 09:42 UTC',
      '6 actors: 4 ok, 1 partial, 1 failed',
    ]);
  });

  it('one table per sector, in panel order', () => {
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## banque (2 actors)',
      '## énergie (2 actors)',
      '## transports (2 actors)',
      '## Panel',
    ]);
  });

  it('writes the cells of specific actors', () => {
    expect(tableRow(md, 'actor')).toEqual([
      'actor', 'status', 'faq', 'chatbot', 'livechat', 'phone', 'form', 'email', 'social', 'messaging', 'secure_messaging', 'forum', 'mobile_app',
    ]);
    expect(tableRow(md, 'Banque Horizon')).toEqual([
      'Banque Horizon', 'ok', 'yes (1)', 'cookies (0)', 'login (2)', 'yes (1)', '–', '–', 'yes (0)', '–', 'login (1)', '–', 'yes (0)',
    ]);
    expect(tableRow(md, 'Énergie Verte & Co')).toEqual([
      'Énergie Verte & Co', 'ok', 'yes (1)', '–', 'cookies (1)', 'yes (1)', 'yes (2)', '–', 'yes (0)', 'yes (1)', 'login+cookies (2)', '–', 'yes (0)',
    ]);
    expect(tableRow(md, 'Rail Express').slice(0, 5)).toEqual(['Rail Express', 'partial', 'yes (1)', 'yes (0)', 'yes (3)']);
    expect(tableRow(md, 'Bus Métropole')).toEqual(['Bus Métropole', 'failed', ...Array(11).fill('n/a')]);
  });

  it('gives sector and panel percentages', () => {
    expect(tableRow(md, '% banque').slice(2, 5)).toEqual(['100% (2/2)', '100% (2/2)', '50% (1/2)']);
    expect(tableRow(md, '% transports')[2]).toBe('100% (1/1)');
    expect(tableRow(md, 'forum')).toEqual(['forum', '40% (2/5)', '2', '0', '0', '1.5']);
    expect(tableRow(md, 'secure_messaging')).toEqual(['secure_messaging', '60% (3/5)', '0', '3', '0', '1']);
  });

  it('lists failed and partial actors with their error, and a legend', () => {
    expect(md).toContain('- Bus Métropole (failed): net::ERR_NAME_NOT_RESOLVED at https://www.bus-metropole.fr/\n');
    expect(md).toContain('- Rail Express (partial): budget de pages atteint (30 pages), FAQ non parcourue en entier\n');
    expect(md).toMatch(/^Legend: yes \(n\) = open to all/m);
  });

  it('aligns every table for a terminal', () => {
    const blocks = md.split('\n\n').filter((b) => b.startsWith('|'));
    expect(blocks.length).toBe(4);
    for (const b of blocks) {
      const widths = new Set(b.split('\n').map((l) => [...l].length));
      expect(widths.size).toBe(1);
    }
  });
});

describe('French renderings', () => {
  it('hours and phone numbers', () => {
    expect(hoursFr('Mo-Fr 08:00-20:00; Sa 09:00-17:30')).toBe('Lun-Ven 8h-20h, Sam 9h-17h30');
    expect(hoursFr('24/7')).toBe('24h/24, 7j/7');
    expect(hoursFr('Mo-Fr 08:30-18:00; PH off')).toBe('Lun-Ven 8h30-18h, fermé les jours fériés');
    expect(formatPhoneFr('+33142000000')).toBe('01 42 00 00 00');
    expect(formatPhoneFr('3635')).toBe('3635');
    expect(formatPhoneFr('+3225551234')).toBe('+3225551234');
  });
});
