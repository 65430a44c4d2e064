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

describe('help-center: FAQ pages in plain markup, SEO blocks that are not (issue 11)', () => {
  const detect = (html: string, url = 'https://www.exemple-energie.fr/infos') => helpCenter.detect(pageFromHtml(html, { url }));
  const qa = (q: string, a: string) => `<p><strong>${q}</strong></p><p>${a}</p>`;
  const five =
    qa('Comment changer mon adresse ?', 'Rendez-vous dans votre espace client, rubrique Profil.') +
    qa('Comment résilier mon contrat ?', 'Envoyez-nous une lettre recommandée avec accusé de réception.') +
    qa('Où trouver ma facture ?', 'Vos factures sont disponibles dans votre espace client.') +
    qa('Quand suis-je prélevé ?', 'Le prélèvement a lieu le 5 de chaque mois, sauf demande contraire.') +
    qa('Puis-je payer par chèque ?', 'Oui, à l’ordre d’Exemple Énergie, en joignant votre talon.');
  const three = five.split('</p><p><strong>').slice(0, 3).join('</p><p><strong>') + '</p>';
  const jsonLd = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
  const faqLd = (n: number) =>
    jsonLd({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: Array.from({ length: n }, (_, i) => ({ '@type': 'Question', name: `Question ${i + 1} ?`, acceptedAnswer: { '@type': 'Answer', text: 'Oui.' } })),
    });

  it('a title saying FAQ / Questions fréquentes / Aide, with questions written as paragraphs', () => {
    for (const title of ['FAQ | Exemple Énergie', 'Questions fréquentes - Exemple Énergie', 'Exemple Énergie – Aide']) {
      const fs = detect(`<html><head><title>${title}</title></head><body><main><h1>Infos pratiques</h1>${three}</main></body></html>`);
      expect(fs, title).toHaveLength(1);
      expect(fs[0]!.attributes).toEqual({ search: false, categories: false, questionCount: 3, feedback: false, linksToContact: false });
      expect(fs[0]!.evidence.map((e) => e.signal)).toEqual(['help-title', 'question-items']);
    }
  });

  it('a breadcrumb through "Aide" names a help page, a help article included (its h1 is the question)', () => {
    const crumb = `<nav aria-label="Fil d'Ariane"><ol><li><a href="/">Accueil</a></li><li><a href="/aide">Aide</a></li><li>Facturation</li></ol></nav>`;
    const fs = detect(`<html><body>${crumb}<main><h1>Facturation</h1>${three}</main></body></html>`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.evidence.map((e) => e.signal)).toEqual(['help-breadcrumb', 'question-items']);
    const article = detect(`<html><body>${crumb}<main><h1>Comment lire ma facture ?</h1><p>Votre facture comporte trois parties.</p></main></body></html>`);
    expect(article).toHaveLength(1);
    expect(article[0]!.attributes.questionCount).toBe(0);
    // a breadcrumb whose first item only is "Aide" (home) or that says "Aide au logement" is not
    const other = `<nav class="breadcrumb"><a href="/">Accueil</a> › <a href="/aides">Aide au logement</a></nav>`;
    expect(detect(`<html><body>${other}<main><h1>APL</h1>${three}</main></body></html>`)).toEqual([]);
  });

  it('five questions written as headings or paragraphs with their answers, nothing naming the page', () => {
    const fs = detect(`<html><body><main><h1>Infos pratiques</h1>${five}</main></body></html>`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.attributes.questionCount).toBe(5);
    expect(fs[0]!.evidence.map((e) => e.signal)).toEqual(['question-list', 'question-items']);
    const headings = five.replace(/<p><strong>(.*?)<\/strong><\/p>/g, '<h3>$1</h3>');
    expect(detect(`<html><body><main><h1>Infos pratiques</h1>${headings}</main></body></html>`)).toHaveLength(1);
  });

  it('a help category page listing question links to articles', () => {
    const links = ['Comment faire opposition ?', 'Comment augmenter mon plafond ?', 'Ma carte est-elle compatible Apple Pay ?', 'Que faire si ma carte est avalée ?', 'Comment changer mon code ?']
      .map((q, i) => `<li><a href="/particuliers/carte/article-${i}">${q}</a></li>`)
      .join('');
    const fs = detect(`<html><body><main><h1>Carte bancaire</h1><ul>${links}</ul></main></body></html>`, 'https://www.exemple-banque.fr/particuliers/carte');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.attributes.questionCount).toBe(5);
  });

  it('not a FAQ: three questions on a product page, rhetorical questions, an empty SEO FAQPage block', () => {
    // an embedded "Questions fréquentes" section with three questions, on a plain page and on a product page
    const section = `<h2>Questions fréquentes</h2><details><summary>Le produit est-il garanti ?</summary>Oui, 2 ans.</details><details><summary>Livrez-vous en Corse ?</summary>Oui.</details><details><summary>Puis-je le retourner ?</summary>Sous 30 jours.</details>`;
    expect(detect(`<html><body><main><h1>Chaudière Condensa 24</h1><p>1 290 €</p>${section}</main></body></html>`, 'https://www.exemple-energie.fr/chaudiere-condensa-24')).toEqual([]);
    const product = jsonLd({ '@context': 'https://schema.org', '@type': 'Product', name: 'Chaudière Condensa 24' });
    expect(detect(`<html><head>${product}${faqLd(3)}</head><body><main><h1>Chaudière Condensa 24</h1>${section}</main></body></html>`)).toEqual([]);
    // even five questions do not make a product page a FAQ
    expect(detect(`<html><head><meta property="og:type" content="product"></head><body><main><h1>Chaudière</h1>${five}</main></body></html>`)).toEqual([]);
    // an SEO plugin's FAQPage with an empty mainEntity
    for (const ld of [
      jsonLd({ '@context': 'https://schema.org', '@type': 'FAQPage', mainEntity: [] }),
      jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': 'FAQPage' }] }),
    ]) {
      expect(detect(`<html><head>${ld}</head><body><main><h1>Nos offres</h1></main></body></html>`)).toEqual([]);
    }
    // questions without answers (marketing copy), fewer than five
    expect(detect(`<html><body><main><h1>Nos offres</h1><p>Vous déménagez ?</p><p>Vous cherchez une offre verte ?</p><p>Besoin d'un devis ?</p></main></body></html>`)).toEqual([]);
  });

  it('FAQPage JSON-LD still counts on a page named a help page, or with five questions on a non-product page', () => {
    const named = detect(`<html><head>${faqLd(3)}</head><body><main><h1>Infos</h1></main></body></html>`, 'https://www.exemple-energie.fr/faq');
    expect(named).toHaveLength(1);
    expect(named[0]!.attributes.questionCount).toBe(3);
    expect(detect(`<html><head>${faqLd(5)}</head><body><main><h1>Infos</h1></main></body></html>`)).toHaveLength(1);
    expect(detect(`<html><head>${faqLd(3)}</head><body><main><h1>Infos</h1></main></body></html>`)).toEqual([]);
  });
});
