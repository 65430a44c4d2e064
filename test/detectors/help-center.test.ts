import { describe, expect, it } from 'vitest';
import { helpCenter } from '../../detectors/help-center.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

describe('help-center', () => {
  it('FAQ page with accordions, details, FAQPage JSON-LD, help search, feedback and contact link', () => {
    const fs = helpCenter.detect(pageFromHtml(savedPage('help-center-faq-accordion.html'), { url: 'https://www.exemple-banque.fr/faq' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].channel).toBe('faq');
    expect(fs[0].attributes).toEqual({ search: true, categories: true, questionCount: 5, feedback: true, linksToContact: true });
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['faqpage-jsonld', 'help-heading', 'question-items', 'help-search', 'help-feedback']));
  });

  it('Zendesk Guide home: categories, article links counted, header search counts on a help platform', () => {
    const fs = helpCenter.detect(pageFromHtml(savedPage('help-center-zendesk-category.html'), { url: 'https://aide.exemple-mobile.fr/hc/fr' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes).toEqual({ search: true, categories: true, questionCount: 4, feedback: false, linksToContact: true });
  });

  it('home page with a footer "FAQ" link, a "Besoin d\'aide ?" teaser and a header search → no finding', () => {
    expect(helpCenter.detect(pageFromHtml(savedPage('help-center-home-decoy.html')))).toEqual([]);
  });

  it('FAQ page whose only search is the site-wide header search → search false, no feedback, no contact link', () => {
    const html = `<html><body><header><form role="search"><input type="search" name="q" placeholder="Rechercher"></form></header>
      <main><h1>FAQ</h1><details><summary>Quels sont vos horaires ?</summary>De 9h à 18h.</details>
      <details><summary>Livrez-vous en Corse ?</summary>Oui.</details></main>
      <footer><a href="/contact">Nous contacter</a></footer></body></html>`;
    const fs = helpCenter.detect(pageFromHtml(html, { url: 'https://www.exemple-boutique.fr/faq' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes).toEqual({ search: false, categories: false, questionCount: 2, feedback: false, linksToContact: false });
  });

  it('a blog post with one question heading is not a FAQ', () => {
    const html = `<html><body><main><h1>Nos conseils épargne</h1><h2>Faut-il ouvrir un PEA ?</h2><p>…</p></main></body></html>`;
    expect(helpCenter.detect(pageFromHtml(html, { url: 'https://www.exemple-banque.fr/blog/pea' }))).toEqual([]);
  });

  it('help subdomain with a help-worded search but no questions yet → finding', () => {
    const html = `<html><body><main><h2>Bienvenue</h2><input type="text" placeholder="Comment pouvons-nous vous aider ?"></main></body></html>`;
    const fs = helpCenter.detect(pageFromHtml(html, { url: 'https://aide.exemple-energie.fr/' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes.search).toBe(true);
    expect(fs[0].attributes.questionCount).toBe(0);
  });

  it('help article on a help host: no question list, but its feedback question makes it a help page', () => {
    const fs = helpCenter.detect(pageFromHtml(savedPage('help-center-article-feedback.html'), { url: 'https://aide.exemple-energie.fr/article?id=1003' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes).toEqual({ search: false, categories: false, questionCount: 0, feedback: true, linksToContact: true });
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(['help-article', 'help-feedback', 'help-links-to-contact']);
  });

  it('the same article on a main-site product path is not a help page (feedback alone is not enough)', () => {
    expect(helpCenter.detect(pageFromHtml(savedPage('help-center-article-feedback.html'), { url: 'https://www.exemple-energie.fr/offres/article?id=1003' }))).toEqual([]);
  });

  it('help list mixing questions and statement titles: list-mates counted, tiles, menu and the contact teaser are not', () => {
    const fs = helpCenter.detect(pageFromHtml(savedPage('help-center-mixed-list.html'), { url: 'https://www.exemple-transports.fr/aide' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes).toEqual({ search: true, categories: true, questionCount: 7, feedback: false, linksToContact: true });
  });

  it('never throws on empty or malformed input', () => {
    expect(helpCenter.detect(pageFromHtml(''))).toEqual([]);
    expect(() => helpCenter.detect(pageFromHtml('<script type="application/ld+json">{"@type":"FAQPage",</script><h1>FAQ'))).not.toThrow();
  });
});

describe('help-center: links on to a human (regression)', () => {
  it('counts "Écrire à un conseiller" and a phone appointment as leading on to a human', async () => {
    const { pageFromHtml } = await import('../helpers/page.ts');
    const { helpCenter } = await import('../../detectors/help-center.ts');
    const html = `<html><body><main><h1>Aide</h1><h2>Questions fréquentes</h2>
      <details><summary>Comment déclarer un changement de situation ?</summary><p>…</p></details>
      <details><summary>Quand suis-je payé ?</summary><p>…</p></details>
      <p><a href="/particuliers/aide/ecrire-a-un-conseiller">Écrire à un conseiller</a></p></main></body></html>`;
    const [f] = helpCenter.detect(pageFromHtml(html, { url: 'https://www.caisse.fr/particuliers/aide/' }));
    expect(f.attributes).toMatchObject({ linksToContact: true, questionCount: 2, search: false });
  });
});
