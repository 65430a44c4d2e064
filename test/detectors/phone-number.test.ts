import { describe, expect, it } from 'vitest';
import { phoneNumberDetector } from '../../detectors/phone-number.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';
import type { Finding, PhoneNumberAttr } from '../../crawler/types.ts';

const detect = (html: string, opts = {}) => phoneNumberDetector.detect(pageFromHtml(html, opts));
const only = (findings: Finding[]): Finding => {
  expect(findings).toHaveLength(1);
  return findings[0]!;
};
const numbersOf = (html: string, opts = {}): string[] => {
  const f = detect(html, opts);
  return f.length ? (f[0]!.attributes.numbers ?? []).map((n) => n.number) : [];
};

describe('phone-number detector', () => {
  it('is a phone detector', () => {
    expect(phoneNumberDetector.id).toBe('phone-number');
    expect(phoneNumberDetector.channels).toEqual(['phone']);
  });

  it('reads a bank contact page: numbers, kinds, hours, labels, call-back, appointment, deaf access', () => {
    const f = only(detect(savedPage('phone-bank-contact.html')));
    expect(f.channel).toBe('phone');
    expect(f.detector).toBe('phone-number');
    const numbers: PhoneNumberAttr[] = [
      { number: '+33969363939', kind: 'nongeographic', hours: 'Mo-Fr 08:00-20:00; Sa 09:00-18:00; PH off', label: 'Service client' },
      { number: '+33969397777', kind: 'nongeographic', hours: '24/7', label: 'Opposition carte' },
      { number: '+33145451212', kind: 'geographic', hours: 'Mo-Fr 09:00-18:00', label: "Depuis l'étranger" },
      { number: '3639', kind: 'short', hours: 'Mo-Fr 08:00-20:00' },
    ];
    expect(f.attributes).toEqual({
      numbers,
      hours: 'Mo-Fr 08:00-20:00; Sa 09:00-18:00; PH off',
      callback: true,
      appointment: true,
      accessible: true,
    });
  });

  it('gives exact evidence for text matches and tel: links', () => {
    const f = only(detect(savedPage('phone-bank-contact.html')));
    const url = 'https://www.exemple-banque.fr/';
    expect(f.evidence).toContainEqual({ url, source: 'text', signal: 'phone-text', detail: '09 69 36 39 39' });
    expect(f.evidence).toContainEqual({
      url,
      source: 'dom',
      signal: 'tel-link',
      detail: 'tel:+33969363939',
      selector: 'a[href="tel:+33969363939"]',
    });
    expect(f.evidence).toContainEqual({ url, source: 'text', signal: 'phone-text', detail: '+33 1 45 45 12 12' });
    expect(f.evidence).toContainEqual({ url, source: 'text', signal: 'short-number-text', detail: '3639' });
    expect(f.evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['callback-offer', 'phone-appointment', 'deaf-access-text']));
  });

  it('finds no legal, bank, date, order, fax or hidden number on the bank page', () => {
    const found = numbersOf(savedPage('phone-bank-contact.html'));
    for (const decoy of [
      '+33552120222', // SIREN / RCS 552 120 222
      '+33140000001', // Fax
      '+33140000002', // Télécopie
      '+33140000098', // hidden tel: link
      '+33140000097', // hidden text
      '+33140000099', // only in a script
      '+33123456789', // n° de dossier 0123456789
      '3000', // 3000 conseillers
      '1050', // 1050 agences
      '2023',
      '1234',
      '5678',
    ]) {
      expect(found).not.toContain(decoy);
    }
    expect(found).toHaveLength(4);
  });

  it('reads a telecom help page: 0 800 split across spans, U+202F, U+2009, premium, short numbers, overseas', () => {
    const f = only(detect(savedPage('phone-telecom-help.html')));
    expect(f.attributes.numbers).toEqual([
      { number: '+33800123456', kind: 'tollfree', hours: null, label: 'Service client' },
      { number: '+33970808182', kind: 'nongeographic', hours: 'Mo-Su 07:00-22:00', label: 'Assistance technique' },
      { number: '+33148001234', kind: 'geographic', hours: 'Mo-Fr 08:00-19:00; Sa 08:00-17:30' },
      { number: '+33892680101', kind: 'premium', hours: null },
      { number: '3646', kind: 'short', hours: null },
      { number: '1014', kind: 'short', hours: null },
      { number: '+262262901234', kind: 'geographic', hours: null },
      { number: '+33612345678', kind: 'mobile', hours: null },
      { number: '+33499001122', kind: 'geographic', hours: null, label: 'Conseiller' },
    ]);
    // the main number (labelled Service client) has no hours: page hours stay null
    expect(f.attributes.hours).toBeNull();
    expect(f.attributes.callback).toBe(false);
    expect(f.attributes.appointment).toBe(false);
    expect(f.attributes.accessible).toBe(false);
  });

  it('ignores order numbers, contract numbers, versions, dates, prices, postcodes, CS/BP, fax links on the telecom page', () => {
    const found = numbersOf(savedPage('phone-telecom-help.html'));
    for (const decoy of ['+33123456789', '3000', '3939', '3200', '2024', '2023', '3021', '30001', '75013', '+33148001235', '+33148009999']) {
      expect(found).not.toContain(decoy);
    }
    // the only 06 number is the one offered for SMS and calls, not "N° de commande : 0612345678"
    const evidence = only(detect(savedPage('phone-telecom-help.html'))).evidence.map((e) => e.detail);
    expect(evidence).toContain('06 12 34 56 78');
    expect(evidence).not.toContain('0612345678');
  });

  it('finds a number split across spans inside a word-glued label', () => {
    const html = '<p><span>Service client</span><span class="n">09</span><span class="n">69</span><span class="n">32</span><span class="n">11</span><span class="n">00</span></p>';
    expect(only(detect(html)).attributes.numbers).toEqual([{ number: '+33969321100', kind: 'nongeographic', hours: null, label: 'Service client' }]);
  });

  it('reads numbers in a readable visible frame, not in an invisible one', () => {
    const frameHtml = '<body><div class="help"><p>Une question ? Appelez le 01 55 66 77 88</p><p>du lundi au samedi</p></div></body>';
    const f = only(
      detect('<body><p>Contact</p><iframe src="https://aide.exemple.fr/widget"></iframe></body>', {
        frames: [
          { url: 'https://aide.exemple.fr/widget', html: frameHtml, visible: true },
          { url: 'https://ads.exemple.fr/', html: '<p>Appelez le 01 99 99 99 99</p>', visible: false },
        ],
      }),
    );
    expect(f.attributes.numbers).toEqual([{ number: '+33155667788', kind: 'geographic', hours: 'Mo-Sa' }]);
    expect(f.evidence[0]).toEqual({
      url: 'https://www.exemple-banque.fr/',
      source: 'frame',
      signal: 'phone-text',
      detail: '01 55 66 77 88',
      selector: 'iframe[src="https://aide.exemple.fr/widget"] >> ',
    });
  });

  it('keeps a "Tél./Fax" number but skips a number labelled Fax after a phone number', () => {
    expect(numbersOf('<p>Tél./Fax : 04 72 00 00 01</p>')).toEqual(['+33472000001']);
    expect(numbersOf('<p>Tél : 04 72 00 00 02 - Fax : 04 72 00 00 03</p>')).toEqual(['+33472000002']);
    expect(numbersOf('<p>Télécopie : 04 72 00 00 04</p>')).toEqual([]);
  });

  it('skips a fax whose label is followed by a long parenthesis before the number', () => {
    const f = only(detect(savedPage('phone-fax-long-label.html'), { url: 'https://www.exemple-banque.fr/nous-contacter' }));
    expect((f.attributes.numbers ?? []).map((n) => `${n.number} ${n.kind}`)).toEqual(['+33969391234 nongeographic', '+33145678900 geographic']);
  });

  it('requires a phone word next to a short number', () => {
    expect(numbersOf('<p>Composez le 3949 pour joindre un conseiller.</p>')).toEqual(['3949']);
    expect(numbersOf('<p>3230 Service gratuit + prix appel</p>')).toEqual(['3230']);
    expect(numbersOf('<p>Nos 3200 agences vous accueillent.</p>')).toEqual([]);
    expect(numbersOf('<p>Service commercial, 1050 Bruxelles</p>')).toEqual([]);
    expect(numbersOf('<p>Notre service client existe depuis 1020 ans.</p>')).toEqual([]);
  });

  it('does not take SIREN, share capital, IBAN or ORIAS for numbers', () => {
    const legal =
      '<footer><p>SA au capital de 1 234 567 890 € – RCS Nanterre B 542 107 651 – SIREN 542 107 651 – SIRET 542 107 651 00018 – ' +
      'ORIAS n° 07 001 234 – IBAN FR76 1020 7000 0123 4567 8901 234 – TVA FR 40 542107651 – le 01/02/2024</p></footer>';
    expect(detect(legal)).toEqual([]);
  });

  it('reads tel: links: short number links, links whose text is not the number, hidden links skipped', () => {
    const f = only(
      detect(
        '<div><p>Besoin d\'aide ? <a href="tel:3639">Appeler</a></p>' +
          '<p data-ct-hidden="1"><a href="tel:+33100000000">Appel mobile</a></p>' +
          '<p><a href="tel:%2B33%206%2011%2022%2033%2044">Nous appeler</a></p></div>',
      ),
    );
    expect(f.attributes.numbers).toEqual([
      { number: '3639', kind: 'short', hours: null },
      { number: '+33611223344', kind: 'mobile', hours: null },
    ]);
  });

  it('makes a finding for a call-back offer without a number, none for a reminder or deaf access alone', () => {
    const f = only(detect('<h2>Être rappelé</h2><p>Laissez votre numéro, un conseiller vous rappelle sous 24h.</p>'));
    expect(f.attributes).toEqual({ numbers: [], hours: null, callback: true, appointment: false, accessible: false });
    expect(f.evidence[0]!.signal).toBe('callback-offer');
    expect(detect('<p>Nous vous rappelons que votre conseiller ne vous demandera jamais vos codes.</p>')).toEqual([]);
    expect(detect('<p>Rappel des conditions générales. Rappel produit : lot 3021.</p>')).toEqual([]);
    expect(detect('<p>Accès sourds et malentendants : <a href="https://x.deafiline.net/">Deafiline</a></p>')).toEqual([]);
  });

  it('sees a relay-service link or frame for deaf and hard-of-hearing people', () => {
    const f = only(detect('<p>Service client : 01 23 45 67 80</p><p><a href="https://exemple.elioz.fr/">Accessibilité</a></p>'));
    expect(f.attributes.accessible).toBe(true);
    expect(f.evidence).toContainEqual({
      url: 'https://www.exemple-banque.fr/',
      source: 'dom',
      signal: 'deaf-relay-link',
      detail: 'https://exemple.elioz.fr/',
    });
    const g = only(detect('<p>Service client : 01 23 45 67 80</p>', { frames: [{ url: 'https://app.rogervoice.com/embed', html: null }] }));
    expect(g.attributes.accessible).toBe(true);
  });

  it('reads phone appointment wording', () => {
    const f = only(detect('<p>Prendre rendez-vous par téléphone avec un conseiller</p>'));
    expect(f.attributes.appointment).toBe(true);
    expect(f.attributes.numbers).toEqual([]);
  });

  it('page hours: first number labelled service client, else the first number with hours', () => {
    const html =
      '<div><div class="c"><h3>Opposition</h3><p>09 69 00 00 01</p><p>24h/24 et 7j/7</p></div>' +
      '<div class="c"><h3>Service client</h3><p>09 69 00 00 02</p><p>Du lundi au vendredi de 8h30 à 19h</p></div></div>';
    expect(only(detect(html)).attributes.hours).toBe('Mo-Fr 08:30-19:00');
    const noLabel = '<div><div class="c"><p>09 69 00 00 03</p></div><div class="c"><p>01 40 00 00 04</p><p>de 9h à 12h et de 14h à 18h</p></div></div>';
    expect(only(detect(noLabel)).attributes.hours).toBe('09:00-12:00,14:00-18:00');
  });

  it('does not throw and finds nothing on empty or malformed HTML', () => {
    expect(detect('')).toEqual([]);
    expect(detect('<div><p>Tél <span>01 <b>23</div></span> 45 <<<>>> </table>')).toEqual([]);
    expect(detect('<html><body><template><p>Appelez le 01 23 45 67 89</p></template></body></html>')).toEqual([]);
  });

  it('reads numbers in open shadow roots', () => {
    expect(numbersOf('<x-footer><template shadowrootmode="open"><p>Tél : 05 56 00 11 22</p></template></x-footer>')).toEqual(['+33556001122']);
  });

  describe('real-web phrasings (issue 11)', () => {
    const attrs = (html: string) => (detect(html)[0]?.attributes.numbers ?? []).map((n) => ({ number: n.number, kind: n.kind, hours: n.hours }));

    it('reads a short number followed by its hours, with no phone word', () => {
      expect(attrs('<p>Impots.gouv : 3635, 7j/7</p>')).toEqual([{ number: '3635', kind: 'short', hours: 'Mo-Su' }]);
      expect(attrs('<p>3900 - 24h/24</p>')).toEqual([{ number: '3900', kind: 'short', hours: '24/7' }]);
      expect(attrs('<p>Le 3949 8h-20h</p>')).toEqual([{ number: '3949', kind: 'short', hours: '08:00-20:00' }]);
      expect(attrs('<li>3960 du lundi au vendredi de 8h à 17h</li>')).toEqual([{ number: '3960', kind: 'short', hours: 'Mo-Fr 08:00-17:00' }]);
    });

    it('reads a short number printed "36 31" after a service name', () => {
      expect(numbersOf('<p>La Poste 36 31</p>')).toEqual(['3631']);
      expect(numbersOf('<p>Pôle emploi 39 49</p>')).toEqual(['3949']);
      expect(numbersOf('<p>Info Retraite : 39 60</p>')).toEqual(['3960']);
    });

    it('reads operators\' 10xx short numbers', () => {
      expect(numbersOf('<p>Service client : 1044 ou 1064 depuis une ligne fixe</p>')).toEqual(['1044', '1064']);
      expect(numbersOf('<p>Depuis un mobile Free : 1044</p>')).toEqual(['1044']);
      expect(numbersOf('<p><a href="tel:1064">Appeler</a></p>')).toEqual(['1064']);
    });

    it('reads a number printed with its price per minute, without a phone word or a tel: link', () => {
      expect(attrs('<p>0892 350 350 — 0,34 €/min</p>')).toEqual([{ number: '+33892350350', kind: 'premium', hours: null }]);
      expect(attrs('<p>0892 350 350 0,34 €/min</p>')).toEqual([{ number: '+33892350350', kind: 'premium', hours: null }]);
      expect(attrs('<p>08 92 35 03 50 (0,35€/min)</p>')).toEqual([{ number: '+33892350350', kind: 'premium', hours: null }]);
      expect(attrs('<p>3635 (0,20 €/min)</p>')).toEqual([{ number: '3635', kind: 'short', hours: null }]);
    });

    it('does not read ten-digit references labelled facture, identifiant, code d\'accès, n° client, n° de dossier', () => {
      for (const html of [
        '<p>Facture : 0123456789</p>',
        '<p>Facture n° 0145454549</p>',
        '<p>Votre identifiant : 0612345678</p>',
        '<p>Identifiant 0145454548</p>',
        '<p>Code d\'accès : 0145454545</p>',
        '<p>Code confidentiel 0145454546</p>',
        '<p>N° client : 0145454546</p>',
        '<p>Numéro client 0612345679</p>',
        '<p>N° de dossier 0145454547</p>',
        '<p>Référence client : 0145454550</p>',
      ]) {
        expect(numbersOf(html), html).toEqual([]);
      }
      // the phone number next to them is still read
      expect(numbersOf('<p>Facture : 0123456789. Une question ? Appelez le 09 69 32 15 15</p>')).toEqual(['+33969321515']);
    });

    it('keeps quantities, sizes, prices, pages and ranges out of short numbers', () => {
      for (const html of [
        '<p>Tailles 36 38</p>',
        '<p>Page 36 31</p>',
        '<p>Prix : 36 31</p>',
        '<p>Il y a 36 31 ans</p>',
        '<p>Du 3635 au 3640</p>',
        '<p>Nos 3200 agences vous accueillent, 7j/7.</p>',
        '<p>En 2024, 7j/7</p>',
        '<p>3500 € - 24 mois</p>',
      ]) {
        expect(numbersOf(html), html).toEqual([]);
      }
    });

    it('gives the hours printed after a block of several numbers to every number of it', () => {
      const cards =
        '<div class="contact"><h2>Nous appeler</h2><p>Service client : 09 69 32 15 15</p><p>Depuis l’étranger : +33 1 45 45 45 45</p>' +
        '<p>Nos conseillers vous répondent du lundi au vendredi de 8h à 20h et le samedi de 9h à 17h.</p></div>';
      const f = only(detect(cards));
      expect(f.attributes.numbers).toEqual([
        { number: '+33969321515', kind: 'nongeographic', hours: 'Mo-Fr 08:00-20:00; Sa 09:00-17:00', label: 'Service client' },
        { number: '+33145454545', kind: 'geographic', hours: 'Mo-Fr 08:00-20:00; Sa 09:00-17:00', label: "Depuis l’étranger" },
      ]);
      expect(f.attributes.hours).toBe('Mo-Fr 08:00-20:00; Sa 09:00-17:00');
      const list =
        '<div class="contact"><ul><li>Particuliers : 09 69 32 15 15</li><li>Professionnels : 09 69 32 15 16</li></ul>' +
        '<p>Nos conseillers vous répondent du lundi au vendredi de 8h à 20h.</p></div>';
      expect(attrs(list)).toEqual([
        { number: '+33969321515', kind: 'nongeographic', hours: 'Mo-Fr 08:00-20:00' },
        { number: '+33969321516', kind: 'nongeographic', hours: 'Mo-Fr 08:00-20:00' },
      ]);
      expect(only(detect(list)).attributes.hours).toBe('Mo-Fr 08:00-20:00');
      const oneBlock = '<p>Service client : 09 69 32 15 15 ou 01 45 45 45 45, du lundi au vendredi de 9h à 18h</p>';
      expect(attrs(oneBlock).map((n) => n.hours)).toEqual(['Mo-Fr 09:00-18:00', 'Mo-Fr 09:00-18:00']);
    });

    it('does not give a number the hours that follow another number with hours of its own', () => {
      const html =
        '<div><p>Service client : 09 69 32 15 15</p><p>Opposition : 09 69 32 15 17, 24h/24</p><p>Du lundi au vendredi de 9h à 18h</p></div>';
      expect(attrs(html)).toEqual([
        { number: '+33969321515', kind: 'nongeographic', hours: null },
        { number: '+33969321517', kind: 'nongeographic', hours: '24/7' },
      ]);
      const inBlock = '<p>Service client : 09 69 32 15 15, opposition : 09 69 32 15 17 24h/24 puis 01 45 45 45 45 du lundi au vendredi</p>';
      expect(attrs(inBlock).map((n) => n.hours)).toEqual([null, '24/7', 'Mo-Fr']);
    });
  });

  it('is deterministic', () => {
    const html = savedPage('phone-bank-contact.html');
    expect(detect(html)).toEqual(detect(html));
  });
});
