/**
 * community-forum: a community or forum where users help each other (channel "forum").
 *
 * Decision (documented for the roll-up): the forum PAGE itself is the finding when the crawler
 * reaches it; a STRONG LINK to the actor's own community also counts as presence, on the page
 * where the link is (so `clicks` may be one less than the forum page's, which is the same
 * convention as "the channel is announced here"). Evidence says which rule fired.
 *
 * Forum page (the page's registrable domain is the actor's, or the page names the actor):
 * - platform markers: Khoros/Lithium (/t5/ URL, "LITHIUM." in an inline script, "Powered by
 *   Lithium"/"Khoros", global LITHIUM), Discourse (meta generator "Discourse", global Discourse),
 *   Vanilla (body#vanilla, __VANILLA_GLOBALS__, global Vanilla), Salesforce Experience community
 *   (meta salesforce-community or /s/ URL) with community wording, phpBB/vBulletin/XenForo generators;
 * - or a community host/path (community.*, communaute.*, forum(s).*, entraide.*; /communaute,
 *   /community, /forum, /entraide) with forum content wording ("Posez votre question à la
 *   communauté", "Entraide", "discussions", "réponses", "meilleure réponse", "résolu", "membres",
 *   "nouveau sujet", "dernier message").
 * Strong link (hidden menu links count: menus are hidden until opened): an <a> whose host is
 * community./communaute./forum(s)./entraide. of the actor's registrable domain, or a link on the
 * actor's domain whose path is /communaute, /community, /forum(s), /entraide AND whose text says
 * "communauté", "forum" or "entraide".
 *
 * Not a forum: "communauté" of investors/shareholders/brand ambassadors/partners/talents/alumni,
 * "Rejoignez notre communauté" social-media blocks, a community/forum of another site (other
 * registrable domain: forum.hardware.fr, a newspaper forum), developer/API communities are
 * accepted (they are user help) only by page markers, never by link wording.
 * Known false positives: a /communaute page of a loyalty club that also says "membres" and
 * "discussions". Tried and rejected: the word "Forum" alone in text (events: "Forum de l'emploi",
 * "Forum des associations").
 */
import type { CheerioAPI } from 'cheerio';
import { getDomain } from 'tldts';
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { collapse, fold } from './lib/text.ts';
import { select, selectAll } from './lib/dom.ts';

type Node = { name?: string; attribs?: Record<string, string> };

const COMMUNITY_HOST = /^(www\.)?(community|communaute|communautes|forum|forums|entraide|commu)\./;
const COMMUNITY_PATH = /^\/(fr\/|fr-fr\/)?(communaute|communautes|community|forum|forums|entraide|t5)(\/|$|\.html?|[?#-])/i;
const LINK_TEXT = /\b(communaute|forum|forums|entraide|community)\b/;
const DECOY = /\b(investisseurs?|actionnaires?|ambassadeurs?|ambassadrices?|partenaires?|talents?|alumni|recrutement|carrieres?|presse|journalistes?|club|fidelite|influenceurs?|benevoles?|developpeurs? d'applications|reseaux sociaux|suivez-nous|evenement|salon)\b/;
const FORUM_CONTENT =
  /posez votre question (a|sur) (la|notre) communaute|\bentraide\b|\bdiscussions?\b|\bmeilleure reponse\b|\bsolution acceptee\b|\bresolue?\b|\bnouveau sujet\b|\bcreer un sujet\b|\bdernier message\b|\bmessages? non lus?\b|\b\d+ (reponses?|messages?|membres?|sujets?|vues?)\b|\bmembres? (de la communaute|en ligne)\b|\bpublier (une|votre) question\b/;


function domainOf(host: string): string {
  try {
    return getDomain(host) ?? host;
  } catch {
    return host;
  }
}

function detect(page: PageView): Finding[] {
  const $ = page.$;
  const url = page.url;
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase();
    path = u.pathname;
  } catch {
    /* */
  }
  const siteDomain = (page.site?.domain || domainOf(host)).toLowerCase();
  const ownPage = domainOf(host) === domainOf(siteDomain);
  const text = fold(page.text);
  const title = fold(page.snapshot.title ?? '');
  const ev: Evidence[] = [];

  // platform markers
  const markers: Evidence[] = [];
  const globals = new Set(page.snapshot.globals ?? []);
  if (/\/t5\//.test(path)) markers.push(evidence(url, 'url', 'khoros-url', path));
  if (globals.has('LITHIUM')) markers.push(evidence(url, 'global', 'khoros-global', 'window.LITHIUM'));
  if (globals.has('Discourse')) markers.push(evidence(url, 'global', 'discourse-global', 'window.Discourse'));
  if (globals.has('Vanilla') || globals.has('__VANILLA_GLOBALS__')) markers.push(evidence(url, 'global', 'vanilla-global', 'window.Vanilla'));
  let inline = '';
  for (const el of selectAll($, 'script:not([src])')) {
    inline += $(el as never).text().slice(0, 20000);
    if (inline.length > 300_000) break;
  }
  if (/\bLITHIUM\.(Loader|Auth|CommunityJsonObject|Css)/.test(inline)) markers.push(evidence(url, 'script', 'khoros-inline', 'LITHIUM.* in inline script'));
  if (/__VANILLA_GLOBALS__|gdn\.meta/.test(inline)) markers.push(evidence(url, 'script', 'vanilla-inline', '__VANILLA_GLOBALS__'));
  const generator = fold(String(select($, 'meta[name="generator" i]').attr('content') ?? ''));
  if (/^(discourse|phpbb|vbulletin|xenforo|vanilla|invision|flarum|nodebb|mybb)/.test(generator)) markers.push(evidence(url, 'dom', 'forum-generator', generator, 'meta[name=generator]'));
  if (select($, 'body#vanilla, body#DiscussionsPage').length) markers.push(evidence(url, 'dom', 'vanilla-body', 'body#vanilla', 'body'));
  if (/powered by (lithium|khoros)/i.test(page.text.slice(-20000))) markers.push(evidence(url, 'text', 'khoros-powered-by', 'Powered by Khoros/Lithium'));
  const sfCommunity = select($, 'meta[name="salesforce-community"]').length > 0 || /\/s\/(question|topic|group|feed)\b/.test(path);
  if (sfCommunity && /\bcommunaute\b|\bentraide\b|\bforum\b/.test(`${text} ${title}`)) markers.push(evidence(url, 'dom', 'salesforce-community', 'Salesforce Experience community'));

  const communityUrl = COMMUNITY_HOST.test(host) || COMMUNITY_PATH.test(path);
  const content = FORUM_CONTENT.exec(text);
  const decoyPage = DECOY.test(title) || DECOY.test(fold(select($, 'h1').first().text()));
  const namesActor = !!page.site?.actorName && (title.includes(fold(page.site.actorName)) || text.slice(0, 2000).includes(fold(page.site.actorName)));

  if ((ownPage || namesActor) && !decoyPage) {
    if (markers.length) {
      ev.push(...markers.slice(0, 4));
    } else if (communityUrl && content) {
      ev.push(evidence(url, 'url', 'community-url', `${host}${path}`));
      ev.push(evidence(url, 'text', 'forum-content', content[0]));
    }
    if (ev.length) return [{ channel: 'forum', detector: 'community-forum', attributes: {}, evidence: ev }];
  }

  // strong links to the actor's own community
  let target: string | undefined;
  for (const el of selectAll($, 'a[href]')) {
    const href = (el as Node).attribs?.href ?? '';
    let u: URL;
    try {
      u = new URL(href, url || undefined);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(u.protocol)) continue;
    const h = u.hostname.toLowerCase();
    if (domainOf(h) !== domainOf(siteDomain)) continue;
    const label = fold(collapse(`${$(el as never).text()} ${(el as Node).attribs?.title ?? ''} ${(el as Node).attribs?.['aria-label'] ?? ''}`));
    if (DECOY.test(label)) continue;
    const hostHit = COMMUNITY_HOST.test(h);
    const pathHit = COMMUNITY_PATH.test(u.pathname) && LINK_TEXT.test(label);
    if (hostHit || pathHit) {
      ev.push(evidence(url, 'dom', hostHit ? 'community-host-link' : 'community-path-link', `${collapse($(el as never).text()).slice(0, 80)} → ${u.href}`, 'a[href]'));
      target = u.href;
      break;
    }
  }
  // The forum is where the link leads: one more click than this page (crawler/rollup.ts).
  if (ev.length) return [{ channel: 'forum', detector: 'community-forum', attributes: {}, evidence: ev, target }];
  return [];
}

export const communityForum: Detector = {
  id: 'community-forum',
  version: 1,
  channels: ['forum'],
  needs: ['html', 'title', 'globals'],
  globals: ['LITHIUM', 'Discourse', 'Vanilla', '__VANILLA_GLOBALS__'],
  detect,
};
