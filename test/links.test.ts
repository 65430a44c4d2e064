import { describe, expect, it } from 'vitest';
import { isOwnSite, normalizeUrl, rankLinks, type RawLink } from '../crawler/journey/links.ts';

const link = (href: string, text: string, region = 'nav'): RawLink => ({ href, text, region, hidden: region === 'nav', kind: 'link' });

describe('link ranking', () => {
  it('puts the contact and help links first behind a mega-menu of 90 decoys', () => {
    const decoys = Array.from({ length: 90 }, (_, i) => link(`https://www.banque.fr/offres/produit-${i}`, `Produit d'épargne ${i}`));
    const links = [
      ...decoys,
      link('https://www.banque.fr/mentions-legales', 'Mentions légales', 'footer'),
      link('https://aide.banque.fr/', 'Aide', 'footer'),
      link('https://www.banque.fr/nous-contacter', 'Nous contacter', 'footer'),
      link('https://www.facebook.com/banque', 'Facebook', 'footer'),
      link('https://www.banque.fr/tarifs.pdf', 'Contact tarifs (PDF)', 'footer'),
      link('mailto:contact@banque.fr', 'Écrivez-nous', 'footer'),
    ];
    const ranked = rankLinks(links, 'banque.fr');
    expect(ranked.slice(0, 3).map((c) => c.url)).toEqual(['https://www.banque.fr/nous-contacter', 'https://aide.banque.fr/', 'https://www.banque.fr/mentions-legales']);
    expect(ranked.some((c) => c.url.includes('facebook') || c.url.endsWith('.pdf') || c.url.startsWith('mailto'))).toBe(false);
    expect(ranked).toHaveLength(93);
  });
  it('follows help platforms only through a help link', () => {
    expect(isOwnSite('https://banque.zendesk.com/hc/fr', 'banque.fr', 80)).toBe(true);
    expect(isOwnSite('https://banque.zendesk.com/hc/fr', 'banque.fr', 0)).toBe(false);
    expect(isOwnSite('https://communaute.banque.fr/', 'banque.fr')).toBe(true);
    expect(isOwnSite('https://www.banque.fr.evil.com/', 'banque.fr')).toBe(false);
  });
  it('normalises URLs for the visited set', () => {
    expect(normalizeUrl('https://WWW.Banque.fr/aide/index.html?utm_source=x&b=2&a=1#top')).toBe('https://www.banque.fr/aide/?a=1&b=2');
  });
  it('tells the help section from benefits named "aide" (public services)', () => {
    const links = [
      link('https://www.caisse.fr/particuliers/aides/aide-aux-etudiants', 'Aide aux étudiants'),
      link('https://www.caisse.fr/bailleurs/?offre=percevoir-l-aide-en-tiers-payant', "Percevoir l'aide en tiers payant"),
      link('https://www.caisse.fr/simulateurs/?aide=simuler-mon-aide', 'Simuler mon aide au logement'),
      link('https://www.caisse.fr/particuliers', 'Particuliers', 'header'),
      link('https://www.caisse.fr/particuliers/aide', 'Aide', 'main'),
    ];
    const ranked = rankLinks(links, 'caisse.fr');
    expect(ranked.map((c) => c.url.replace('https://www.caisse.fr', ''))).toEqual([
      '/particuliers/aide',
      '/particuliers',
      '/bailleurs/?offre=percevoir-l-aide-en-tiers-payant',
      '/particuliers/aides/aide-aux-etudiants',
      '/simulateurs/?aide=simuler-mon-aide',
    ]);
  });
});
