/**
 * Generates a fixture corpus (CONTRACT §3: panel.yaml + sites/<host>/… + expected.json) of
 * realistic-but-invented French corporate sites, for the benchmark (scripts/bench.ts) and for load
 * tests. Deterministic for a seed: the same (actors, seed) always writes the same bytes.
 *
 * Each actor, in one of 5 sectors (banque, public, automobile, transports, energie), gets a site of
 * 30–82 pages on https://www.<slug>.fr/, about the shape of a real corporate site's first levels
 * (at least the scan's 30-page budget, so that the budget binds and the order pages are taken in
 * matters, as on the real web):
 * - `/`: a header with a 60-link mega-menu, each link to its entry's own page, a hero, cards, a
 *   footer with "Mentions légales", "Nous contacter", "Aide" and social links;
 * - `/aide/`: an FAQ of ~15 <details> questions in 3–4 categories, optionally a help search field
 *   and "Cette réponse vous a-t-elle été utile ?", and a link on to the contact page;
 * - `/contact/`: a phone number in one of several French formats with opening hours written in
 *   French, and a contact form (subject <select>, <textarea>, name/e-mail inputs);
 * - `/mentions-legales`: publisher, SIREN, host (numbers a phone detector must not take);
 * - 2–6 section pages (`/<section>`), and their mega-menu entries' pages (`/<section>/<entry>`, 12
 *   per section: an offer or a product, a breadcrumb, a link to the FAQ; a site with fewer than 5
 *   sections fills the menu's other columns with its entries again, "… — en savoir plus", linking
 *   to the same pages' #en-savoir-plus). Before those pages existed (to
 *   2026-12-01) the menu's links were anchors on the section pages and a site had 6–10 pages.
 * About 40 % load a chat stub from halc.iadvize.com (window.iAdvize, a fixed launcher button
 * #idz_button opening a panel "Un conseiller vous répond"); about 60 % load a OneTrust-like consent
 * banner from cdn.cookielaw.org (#onetrust-banner-sdk, #onetrust-reject-all-handler,
 * #onetrust-accept-btn-handler). Geographic numbers are in ARCEP's ranges reserved for fiction.
 *
 * Command line: node bin/run-ts.js scripts/gen-corpus.ts OUTDIR [ACTORS=40] [SEED=1]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { phoneFor } from './gen-corpus/phones.ts';
import { CSS, contactPage, faqPage, homePage, layout, legalPage, MORE_SUFFIX, productPage, productPath, sectionPage, shortSlug, slugify, type Site } from './gen-corpus/pages.ts';
import { rng } from './gen-corpus/rng.ts';
import { SECTORS, type GeneratedActor } from './gen-corpus/types.ts';
import { IADVIZE_JS, ONETRUST_JS } from './gen-corpus/vendor-stubs.ts';
import { VOCAB } from './gen-corpus/vocabulary.ts';

export { SECTORS, type GeneratedActor, type Sector } from './gen-corpus/types.ts';

export interface GeneratedCorpus {
  dir: string;
  panelFile: string;
  sitesDir: string;
  actors: GeneratedActor[];
  /** total HTML pages of the actors' own sites */
  pageCount: number;
}

// --------------------------------------------------------------------------------- generator

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Writes the corpus into `dir` (emptied first) and describes it. `smallSites`: the corpus as it was before the entry pages (menu links are anchors on the section
 * pages, 6–10 pages a site: both the scan and a plain crawl visit every page), for comparison.
 */
export function generateCorpus(dir: string, actors: number, seed = 1, opts: { smallSites?: boolean } = {}): GeneratedCorpus {
  const entryPages = !opts.smallSites;
  if (!Number.isInteger(actors) || actors < 1) throw new Error(`generateCorpus: actors must be a whole number ≥ 1 (got ${actors})`);
  const root = resolve(dir);
  const sitesDir = join(root, 'sites');
  rmSync(sitesDir, { recursive: true, force: true });
  mkdirSync(sitesDir, { recursive: true });
  const r = rng(seed * 2654435761 + actors);
  const used = new Set<string>();
  const out: GeneratedActor[] = [];
  let anyChat = false;
  let anyConsent = false;

  for (let i = 0; i < actors; i++) {
    const sector = SECTORS[i % SECTORS.length];
    const v = VOCAB[sector];
    let name = v.names(r);
    for (let tries = 0; tries < 20 && used.has(shortSlug(slugify(name), 40)); tries++) name = v.names(r);
    const base = shortSlug(slugify(name), 40);
    let slug = base;
    for (let k = 2; used.has(slug); k++) slug = `${shortSlug(base, 36)}-${k}`;
    if (slug !== base) name = `${name} ${slug.slice(slug.lastIndexOf('-') + 1)}`;
    used.add(slug);
    const host = `www.${slug}.fr`;
    const phone = phoneFor(r);
    const sectionCount = r.int(2, 6); // + home, aide, contact, mentions légales (+ 12 entry pages per section)
    const sections = r.shuffle(v.sections).slice(0, sectionCount);
    // The mega-menu always carries 60 links: spread the 12 entries of the site's sections over
    // 5 columns (a site with fewer sections repeats some entries as anchors of a related page).
    const menuSections: [string, string, string[]][] = [];
    for (let c = 0; c < 5; c++) {
      const [slugS, label, items] = sections[c % sections.length];
      menuSections.push(c < sections.length ? [slugS, label, items] : [slugS, `${label} (suite)`, items.map((it) => `${it}${MORE_SUFFIX}`)]);
    }
    const chat = r.chance(0.4);
    const consentBanner = r.chance(0.6);
    anyChat ||= chat;
    anyConsent ||= consentBanner;
    const actor: GeneratedActor = {
      id: `${sector}-${slug}`.slice(0, 60).replace(/-+$/, ''),
      name,
      sector,
      segment: r.pick(v.segments),
      url: `https://${host}/`,
      host,
      pages: ['/', '/aide/', '/contact/', '/mentions-legales', ...sections.map(([s]) => `/${s}`), ...(entryPages ? sections.flatMap(([s, , items]) => items.map((it) => productPath(s, it))) : [])],
      chat,
      consentBanner,
      phone: { display: phone.display, e164: phone.e164, kind: phone.kind, hours: phone.hours, hoursOsm: phone.hoursOsm },
    };
    const site: Site = {
      actor,
      color: r.pick(v.color),
      sections: menuSections,
      social: r.shuffle(['facebook', 'x', 'linkedin', 'instagram', 'youtube']).slice(0, r.int(0, 4)),
      email: r.chance(0.3) ? `contact@${slug}.fr` : null,
      tagline: r.pick(v.tagline),
      faqSearch: r.chance(0.6),
      faqFeedback: r.chance(0.5),
      callback: r.chance(0.3),
      phoneNote: phone.note,
      siren: String(r.int(300_000_000, 999_999_999)).replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3'),
      entryPages,
    };
    const tags = { chat, consent: consentBanner };
    const hostDir = join(sitesDir, host);
    write(join(hostDir, 'assets/site.css'), CSS);
    write(join(hostDir, 'index.html'), layout(site, 'Accueil', homePage(site, r), tags));
    write(join(hostDir, 'aide/index.html'), layout(site, 'Aide', faqPage(site, sector), tags));
    write(join(hostDir, 'contact/index.html'), layout(site, 'Nous contacter', contactPage(site), tags));
    write(join(hostDir, 'mentions-legales.html'), layout(site, 'Mentions légales', legalPage(site), tags));
    for (const [s, label, items] of sections) write(join(hostDir, `${s}.html`), layout(site, label, sectionPage(site, s, label, items, r), tags));
    if (entryPages) for (const [s, label, items] of sections) for (const it of items) write(join(hostDir, `${productPath(s, it).slice(1)}.html`), layout(site, it, productPage(site, s, label, it), tags));
    out.push(actor);
  }
  if (anyChat) write(join(sitesDir, 'halc.iadvize.com/iadvize.js'), IADVIZE_JS);
  if (anyConsent) write(join(sitesDir, 'cdn.cookielaw.org/scripttemplates/otSDKStub.js'), ONETRUST_JS);

  const panelFile = join(root, 'panel.yaml');
  const panel = [
    `# Generated by scripts/gen-corpus.ts (${actors} actors, seed ${seed}). Invented actors; do not edit.`,
    'edition: "bench"',
    'actors:',
    ...out.flatMap((a) => [`  - id: ${a.id}`, `    name: ${yamlString(a.name)}`, `    sector: ${a.sector}`, `    segment: ${a.segment}`, `    url: ${a.url}`]),
    '',
  ].join('\n');
  write(panelFile, panel);

  // Ground truth for what the generator is sure of (CONTRACT §3: the crawler never reads it).
  const expected = {
    corpus: `generated (${actors} actors, seed ${seed})`,
    notes: 'Written by scripts/gen-corpus.ts. Only what the generator put on the pages is asserted; a missing channel key means not asserted.',
    actors: Object.fromEntries(
      out.map((a) => [
        a.id,
        {
          consent: a.consentBanner ? { cmp: 'onetrust', banner: true, rejectButton: true } : { cmp: null, banner: false, rejectButton: false },
          channels: {
            faq: { present: true },
            form: { present: true, subjectMenu: true },
            phone: { present: true, numbers: [{ number: a.phone.e164, kind: a.phone.kind }], hours: a.phone.hoursOsm },
            livechat: a.chat ? { present: true, vendor: 'iadvize' } : { present: false },
          },
        },
      ]),
    ),
  };
  write(join(root, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);

  return { dir: root, panelFile, sitesDir, actors: out, pageCount: out.reduce((n, a) => n + a.pages.length, 0) };
}

const isMain = (() => {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
  } catch {
    return false;
  }
})();

if (isMain) {
  const [outDir, n = '40', seed = '1'] = process.argv.slice(2);
  if (!outDir || !/^\d+$/.test(n) || !/^\d+$/.test(seed)) {
    process.stderr.write('usage: node bin/run-ts.js scripts/gen-corpus.ts OUTDIR [ACTORS=40] [SEED=1]\n');
    process.exit(2);
  }
  const c = generateCorpus(outDir, Number(n), Number(seed));
  process.stdout.write(`${c.panelFile}: ${c.actors.length} actors, ${c.pageCount} pages under ${c.sitesDir}\n`);
}
