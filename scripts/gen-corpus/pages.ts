/**
 * The HTML of a generated site: the shared layout (mega-menu, footer, vendor script tags), its CSS,
 * and the pages: home, sections, the mega-menu entries' own pages, FAQ, contact, legal notice. Also
 * the slug helpers that name hosts and anchors.
 */
import type { Rng } from './rng.ts';
import type { GeneratedActor, Sector } from './types.ts';
import { CITIES, VOCAB } from './vocabulary.ts';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** At most `max` characters, cut at a word boundary. */
export function shortSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : slug.slice(0, max);
}

export interface Site {
  actor: GeneratedActor;
  color: string;
  sections: [string, string, string[]][];
  social: string[];
  email: string | null;
  tagline: string;
  faqSearch: boolean;
  faqFeedback: boolean;
  callback: boolean;
  phoneNote: string;
  siren: string;
  /** each mega-menu entry has its own page (false: anchors on the section pages, 6–10 pages a site) */
  entryPages: boolean;
}

export const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 Arial,Helvetica,sans-serif;color:#1e1e1e}
a{color:var(--c)}header{border-bottom:1px solid #ddd;background:#fff;position:relative}
.top{display:flex;align-items:center;justify-content:space-between;padding:12px 32px}
.logo{font-weight:bold;font-size:22px;color:var(--c);text-decoration:none}
nav.mega>ul{display:flex;gap:8px;list-style:none;margin:0;padding:0 32px}
nav.mega>ul>li{position:static}nav.mega>ul>li>a{display:block;padding:12px 14px;font-weight:bold;text-decoration:none}
nav.mega .panel{display:none;position:absolute;left:0;right:0;background:#fff;padding:20px 32px;box-shadow:0 8px 20px rgba(0,0,0,.15);z-index:10}
nav.mega li:hover .panel,nav.mega li:focus-within .panel{display:grid;grid-template-columns:repeat(4,1fr);gap:6px 24px}
.panel a{text-decoration:none;color:#333}main{padding:24px 32px;max-width:1100px}
.hero{background:var(--c);color:#fff;padding:48px 32px}.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding:24px 32px}
.card{border:1px solid #ddd;border-radius:8px;padding:16px}footer{background:#222;color:#ddd;padding:24px 32px;margin-top:40px}
footer a{color:#fff;margin-right:16px}details{border-bottom:1px solid #ddd;padding:10px 0}summary{cursor:pointer;font-weight:bold}
form label{display:block;margin-top:12px}input,select,textarea{width:100%;max-width:480px;padding:8px}button{padding:10px 18px;background:var(--c);color:#fff;border:0;border-radius:4px}
.tel{font-size:28px;font-weight:bold;color:var(--c)}
`;

export function layout(site: Site, title: string, body: string, menuOpenTags: { chat: boolean; consent: boolean }): string {
  const a = site.actor;
  // Small sites (the corpus before entry pages): the menu's links are anchors on the section pages.
  const href = (slug: string, it: string, si: number, i: number) => (site.entryPages ? productPath(slug, it) : `/${slug}${i === 0 && si % 2 === 0 ? '' : `#${slugify(it)}`}`);
  const menu = site.sections
    .map(([slug, label, items], si) => {
      const links = items.map((it, i) => `<a href="${href(slug, it, si, i)}">${esc(it)}</a>`).join('');
      return `<li><a href="/${slug}">${esc(label)}</a><div class="panel">${links}</div></li>`;
    })
    .join('');
  const social = site.social
    .map((n) => {
      const url = { facebook: `https://www.facebook.com/${a.id}`, x: `https://x.com/${a.id.replace(/-/g, '_')}`, linkedin: `https://www.linkedin.com/company/${a.id}`, instagram: `https://www.instagram.com/${a.id.replace(/-/g, '')}`, youtube: `https://www.youtube.com/@${a.id}` }[n];
      return `<a href="${url}" rel="noopener" aria-label="${esc(a.name)} sur ${n}">${n === 'x' ? 'X' : n[0].toUpperCase() + n.slice(1)}</a>`;
    })
    .join('');
  const consent = menuOpenTags.consent
    ? `<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="${a.id}-0000-4000-8000-000000000000" charset="UTF-8"></script>\n`
    : '';
  const chat = menuOpenTags.chat ? `<script async src="https://halc.iadvize.com/iadvize.js?sid=${1000 + a.id.length * 37}&lang=fr"></script>\n` : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} | ${esc(a.name)}</title>
<meta name="description" content="${esc(site.tagline)}">
<link rel="stylesheet" href="/assets/site.css">
<style>:root{--c:${site.color}}</style>
${consent}${chat}</head>
<body>
<header>
  <div class="top"><a class="logo" href="/">${esc(a.name)}</a>
    <form role="search" action="/"><input type="search" name="q" placeholder="Rechercher sur le site" aria-label="Rechercher sur le site"></form></div>
  <nav class="mega" aria-label="Menu principal"><ul>${menu}</ul></nav>
</header>
<main id="contenu">
${body}
</main>
<footer>
  <p><a href="/aide/">Aide</a><a href="/contact/">Nous contacter</a><a href="/mentions-legales">Mentions légales</a></p>
  <p>${social}</p>
  <p>© ${esc(a.name)}. Tous droits réservés.</p>
</footer>
</body>
</html>
`;
}

export function homePage(site: Site, r: Rng): string {
  const cards = site.sections
    .slice(0, 6)
    .map(([slug, label, items]) => `<div class="card"><h3>${esc(label)}</h3><p>${esc(items.slice(0, 3).join(', '))}…</p><a href="/${slug}">Découvrir</a></div>`)
    .join('\n');
  const news = Array.from({ length: 3 }, (_, i) => `<li>${esc(r.pick(site.sections)[2][i + 3])} : ce qui change au ${r.int(1, 28)}/${String(r.int(1, 12)).padStart(2, '0')}</li>`).join('');
  return `<section class="hero"><h1>${esc(site.tagline)}</h1><p>${esc(site.actor.name)} vous accompagne au quotidien.</p></section>
<section class="cards">
${cards}
</section>
<section><h2>Actualités</h2><ul>${news}</ul>
<p>Une question ? Consultez l’<a href="/aide/">aide en ligne</a>.</p></section>`;
}

export function sectionPage(site: Site, slug: string, label: string, items: string[], r: Rng): string {
  const blocks = items
    .map(
      (it) =>
        `<section id="${slugify(it)}"><h2>${site.entryPages ? `<a href="${productPath(slug, it)}">${esc(it)}</a>` : esc(it)}</h2><p>${esc(it)} : ${esc(site.actor.name)} vous propose une solution adaptée. ${esc(
          r.pick(['Souscription en ligne en quelques minutes.', 'Renseignez-vous auprès de votre conseiller.', 'Conditions détaillées dans la documentation.', 'Offre soumise à conditions.']),
        )}</p></section>`,
    )
    .join('\n');
  return `<h1>${esc(label)}</h1>\n<p>Tout savoir sur ${esc(label.toLowerCase())} chez ${esc(site.actor.name)}.</p>\n${blocks}\n<p>Besoin d’aide ? <a href="/aide/">Consultez notre FAQ</a>.</p>`;
}

/** Appended to a menu entry repeated in a filler column (a site with fewer than 5 sections). */
export const MORE_SUFFIX = ' — en savoir plus';

/** The site-relative URL of a mega-menu entry's own page (a repeated entry: the same page, at its details). */
export function productPath(sectionSlug: string, item: string): string {
  return item.endsWith(MORE_SUFFIX) ? `/${sectionSlug}/${slugify(item.slice(0, -MORE_SUFFIX.length))}#en-savoir-plus` : `/${sectionSlug}/${slugify(item)}`;
}

/** A mega-menu entry's own page (an offer, a product), as real sites have one per entry. */
export function productPage(site: Site, sectionSlug: string, sectionLabel: string, item: string): string {
  // No draw from the generator's random stream: the rest of the corpus stays as it was before
  // these pages existed (same actors, phones, chats and banners for a seed).
  const all = [
    `Découvrez ${item.toLowerCase()} : ${site.actor.name} vous propose une solution adaptée à votre situation.`,
    'Souscription en ligne en quelques minutes, ou en agence avec votre conseiller.',
    'Les conditions détaillées figurent dans la documentation tarifaire en vigueur.',
    'Offre soumise à conditions et sous réserve d’acceptation de votre dossier.',
  ];
  const lines = [all[0], all[1 + (item.length % 3)], all[1 + ((item.length + 1) % 3)]];
  return `<p class="breadcrumb"><a href="/">Accueil</a> › <a href="/${sectionSlug}">${esc(sectionLabel)}</a> › ${esc(item)}</p>
<h1>${esc(item)}</h1>
${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<h2 id="en-savoir-plus">En savoir plus</h2><p>Tarifs, conditions et documents utiles : ${esc(item.toLowerCase())}.</p>
<p>Besoin d’aide ? <a href="/aide/">Consultez notre FAQ</a>.</p>`;
}

export function faqPage(site: Site, sector: Sector): string {
  const cats = VOCAB[sector].faq;
  let n = 0;
  const groups = cats
    .map(([cat, qs]) => {
      const items = qs
        .map(([q, a]) => {
          n++;
          const fb = site.faqFeedback ? `<p class="feedback">Cette réponse vous a-t-elle été utile ? <button type="button">Oui</button> <button type="button">Non</button></p>` : '';
          return `<details id="q${n}"><summary>${esc(q)}</summary><p>${esc(a)}</p>${fb}</details>`;
        })
        .join('\n');
      return `<h2>${esc(cat)}</h2>\n${items}`;
    })
    .join('\n');
  const search = site.faqSearch
    ? `<form class="faq-search" action="/aide/"><label for="faq-q">Rechercher dans l’aide</label><input id="faq-q" type="search" name="q" placeholder="Posez votre question"><button type="submit">Rechercher</button></form>`
    : '';
  return `<h1>Aide et questions fréquentes</h1>
${search}
${groups}
<section><h2>Vous n’avez pas trouvé votre réponse ?</h2><p><a href="/contact/">Contactez-nous</a></p></section>`;
}

export function contactPage(site: Site): string {
  const p = site.actor.phone;
  const subjects = VOCAB[site.actor.sector].subjects.map((s) => `<option>${esc(s)}</option>`).join('');
  const email = site.email ? `<h2>Par e-mail</h2><p>Écrivez-nous à <a href="mailto:${site.email}">${site.email}</a>.</p>` : '';
  const callback = site.callback ? `<p><a href="/contact/#rappel">Être rappelé par un conseiller</a></p>` : '';
  return `<h1>Nous contacter</h1>
<section><h2>Par téléphone</h2>
<p>Service client : <a class="tel" href="tel:${p.e164}">${esc(p.display)}</a> <small>(${esc(site.phoneNote)})</small></p>
<p>Horaires du service client : ${esc(p.hours)}.</p>
${callback}</section>
${email}
<section><h2>Par écrit</h2>
<form id="contact-form" action="/contact/envoi" method="post">
  <label for="sujet">Objet de votre demande</label>
  <select id="sujet" name="sujet" required><option value="">Choisissez un objet</option>${subjects}</select>
  <label for="nom">Nom</label><input id="nom" name="nom" type="text" autocomplete="name" required>
  <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="email" required>
  <label for="message">Votre message</label><textarea id="message" name="message" rows="6" required></textarea>
  <input type="hidden" name="origine" value="site">
  <p><button type="submit">Envoyer</button></p>
  <p>Nous vous répondrons sous ${[48, 72, 5][site.actor.id.length % 3]}${site.actor.id.length % 3 === 2 ? ' jours ouvrés' : ' heures'}.</p>
</form></section>
<p>Par courrier : ${esc(site.actor.name)}, Service clients, CS ${10000 + (site.actor.id.length * 131) % 89999}, ${10000 + (site.actor.id.length * 977) % 85000} ${esc(CITIES[site.actor.id.length % CITIES.length])} Cedex.</p>`;
}

export function legalPage(site: Site): string {
  return `<h1>Mentions légales</h1>
<p>Éditeur : ${esc(site.actor.name)}, société anonyme au capital de 12 500 000 €, RCS ${esc(CITIES[site.siren.length % CITIES.length])} ${site.siren}, SIREN ${site.siren}.</p>
<p>Directeur de la publication : le directeur général.</p>
<p>Hébergeur : Hébergement Exemple SAS, 10 rue de l’Exemple, 75000 Paris.</p>
<p>Pour toute question, <a href="/contact/">nous contacter</a>.</p>`;
}
