import { describe, expect, it } from 'vitest';
import { frenchHoursToOsm } from '../../detectors/lib/opening-hours.ts';

describe('frenchHoursToOsm', () => {
  const table: [string, string][] = [
    ['du lundi au vendredi de 8h30 à 19h', 'Mo-Fr 08:30-19:00'],
    ['du lundi au vendredi de 8h à 20h et le samedi de 9h à 18h', 'Mo-Fr 08:00-20:00; Sa 09:00-18:00'],
    ['Lun-Ven 8h-19h Sam 8h-17h30', 'Mo-Fr 08:00-19:00; Sa 08:00-17:30'],
    ['7j/7 de 7h à 22h', 'Mo-Su 07:00-22:00'],
    ['24h/24 et 7j/7', '24/7'],
    ['24h/24', '24/7'],
    ['Du lundi au vendredi de 8h à 20h, sauf jours fériés', 'Mo-Fr 08:00-20:00; PH off'],
    ['du lundi au vendredi (hors jours fériés) de 8h à 18h', 'Mo-Fr 08:00-18:00; PH off'],
    ['de 9h à 12h et de 14h à 18h', '09:00-12:00,14:00-18:00'],
    ['8h-20h', '08:00-20:00'],
    ['du lundi au samedi', 'Mo-Sa'],
    ['lundi au vendredi : 08h00 - 20h00', 'Mo-Fr 08:00-20:00'],
    ['Lun-Ven 8h30-20h, Sam 10-18h', 'Mo-Fr 08:30-20:00; Sa 10:00-18:00'],
    ['Lu-Ve 8h-12h, 14h-18h', 'Mo-Fr 08:00-12:00,14:00-18:00'],
    ['Lun-Ven 7h-21h, Sam-Dim 9h-17h', 'Mo-Fr 07:00-21:00; Sa,Su 09:00-17:00'],
    ['Lun-sam 8h-20h Dim 10h-17h', 'Mo-Sa 08:00-20:00; Su 10:00-17:00'],
    ['De 8h à 20h du lundi au vendredi et de 9h à 18h le samedi', 'Mo-Fr 08:00-20:00; Sa 09:00-18:00'],
    ['Du lundi au vendredi de 9h à 12h et de 14h à 18h. Samedi : fermé.', 'Mo-Fr 09:00-12:00,14:00-18:00; Sa off'],
    ['en semaine de 9h à midi', 'Mo-Fr 09:00-12:00'],
    ['Le lundi, mercredi et vendredi de 9h à 17h', 'Mo,We,Fr 09:00-17:00'],
    ['7 jours sur 7, de 8h à 21h', 'Mo-Su 08:00-21:00'],
    ['Conseillers joignables du lundi au vendredi entre 9h et 18h (prix d’un appel local)', 'Mo-Fr 09:00-18:00'],
    ['Du\u00a0lundi au\u202fvendredi de\u00a08\u202fh\u202f30 à 17\u202fh', 'Mo-Fr 08:30-17:00'],
    ['LUNDI AU VENDREDI 8:30-18:00', 'Mo-Fr 08:30-18:00'],
    ['Tous les jours de 8h à 22h', 'Mo-Su 08:00-22:00'],
    // exceptions take days out, they never open them (issue 11)
    ['tous les jours de 7h à 23h sauf le dimanche', 'Mo-Sa 07:00-23:00'],
    ['Tous les jours de 7h à 23h, sauf dimanche', 'Mo-Sa 07:00-23:00'],
    ['7j/7 de 8h à 21h sauf les dimanches et jours fériés', 'Mo-Sa 08:00-21:00; PH off'],
    ['De 9h à 19h, sauf samedi et dimanche', 'Mo-Fr 09:00-19:00'],
    ['tous les jours de 9h à 18h hors week-end', 'Mo-Fr 09:00-18:00'],
    ['Du lundi au vendredi de 9h à 18h sauf le mercredi', 'Mo,Tu,Th,Fr 09:00-18:00'],
    ['24h/24 sauf le dimanche', 'Mo-Sa 00:00-24:00'],
    ['Tous les jours 24h/24 hors week-end', 'Mo-Fr 00:00-24:00'],
    ['Du mardi au samedi de 10h à 19h, fermé le dimanche et le lundi', 'Tu-Sa 10:00-19:00; Mo,Su off'],
    ['Du lundi au samedi de 9h à 18h hors jours fériés, fermé le dimanche', 'Mo-Sa 09:00-18:00; Su off; PH off'],
    ['Lundi : fermé. Mardi au samedi : 9h-19h', 'Mo off; Tu-Sa 09:00-19:00'],
    ['du lundi au jeudi de 9h à 18h, le vendredi jusqu\'à 17h', 'Mo-Th 09:00-18:00; Fr 09:00-17:00'],
    ['Du lundi au jeudi 8h30-12h et 13h30-18h, le vendredi jusqu’à 17h', 'Mo-Th 08:30-12:00,13:30-18:00; Fr 08:30-12:00,13:30-17:00'],
    // times written with "heures" or a slash
    ['de 9 heures à 18 heures', '09:00-18:00'],
    ['du lundi au vendredi de 9 heures 30 à 17 heures 30', 'Mo-Fr 09:30-17:30'],
    ['8h30/18h', '08:30-18:00'],
    ['Lu-Ve 8h30/18h, Sa 9h/12h', 'Mo-Fr 08:30-18:00; Sa 09:00-12:00'],
    // abbreviated day ranges with dots, two-letter days before their own times
    ['Lun. au ven. de 9h à 18h', 'Mo-Fr 09:00-18:00'],
    ['Lun. au sam. de 8h à 20h', 'Mo-Sa 08:00-20:00'],
    ['Lu-Ve 8h-18h, Sa 9h-12h', 'Mo-Fr 08:00-18:00; Sa 09:00-12:00'],
    ['Lu-Ve : 8h-18h / Sa : 9h-12h', 'Mo-Fr 08:00-18:00; Sa 09:00-12:00'],
  ];
  it.each(table)('%s → %s', (french, osm) => {
    expect(frenchHoursToOsm(french)).toBe(osm);
  });

  const none = [
    '',
    'Appel gratuit depuis un poste fixe',
    'Service 0,80 €/min + prix appel',
    'Réponse sous 24h',
    'Ouvert le 12 mai 2024',
    'Appelez le 09 69 36 39 39',
    'Je me suis rendu au jeu de la mer.',
    // an exception with nothing open, a closing time with nothing to borrow the opening from
    'fermé le dimanche et le lundi',
    'Fermé le samedi',
    'Jusqu\'à 17h',
    'le vendredi jusqu\'à 17h',
    // a day with no hours next to days with hours: unknown, not "open all day"
    'du lundi au vendredi de 9 h à 18 h, le samedi',
    'Lun-Ven 9h-18h, samedi sur rendez-vous',
    'Réponse sous 24 heures, sa demande est traitée',
  ];
  it.each(none)('gives null for %j', (text) => {
    expect(frenchHoursToOsm(text)).toBeNull();
  });
});
