/**
 * chat-widget: finds a chat widget on the page and says whether it is a CHATBOT (an automated
 * assistant), a LIVECHAT (a human advisor) or both (a bot that hands over to an advisor), with
 * the vendor id from detectors/data/chat-vendors.json (or null for an unknown vendor).
 *
 * What counts as a widget (any one STRONG signal):
 * - a request URL (snapshot.requests) or an executable `<script src>` (main document and readable
 *   frames) on a vendor's script host, containing one of its script paths, or matching one of its
 *   patterns;
 * - a probed JS global of the vendor (snapshot.globals), unless the data marks it weak;
 * - a visible DOM element matching a vendor selector not marked weak, in the main document (open shadow roots
 *   included, they are serialised as <template shadowrootmode>) or in a readable frame;
 * - an <iframe> (in the HTML, or in snapshot.frames) whose src/title/name/id carries a vendor
 *   iframe marker, or whose src is on a vendor host;
 * - an opened widget (snapshot.widgets) that the crawler attributed to the vendor, or whose frame
 *   URL is on a vendor host;
 * - unknown vendor (vendor null): an opened widget whose text reads like a chat (and not like a
 *   feedback survey or a cookie dialog), or an iframe whose title/name/src reads like a chat
 *   ("Chat", "Chatbot", "Fenêtre de discussion", "Assistant virtuel", "/webchat/"…).
 * Frames on non-chat hosts (detectors/data/non-chat-hosts.json: video players, maps, surveys,
 * review badges, consent platforms) are set aside before any iframe marker is tried.
 * WEAK signals are recorded as evidence next to strong ones but never make a finding alone:
 * - a `<script>` whose type the browser does not execute (`text/plain` of Klaro and CookieConsent's
 *   `data-category` blocking, `didomi/javascript`, `text/x-…`): a consent platform holds it back,
 *   so the widget MAY load after consent; the accept pass sees the real request if it does;
 * - a marker listed in the vendor's `weakMarkers`: a generic id or class prefix (`[id^='tolk']`,
 *   `.lp_desktop`, `.cx-side-button`, `jdiv`), a common word as a global (`drift`, `Intercom`), or a
 *   settings global the page declares before loading the vendor (`zESettings`, `intercomSettings`:
 *   often set while consent is still pending);
 * - a <link rel=preconnect|dns-prefetch|preload> to a vendor host (sites keep stale preconnects
 *   after dropping a vendor, and tag-manager templates add them everywhere);
 * - an inline <script> that merely mentions a vendor script URL (a CMP/tag-manager config: the
 *   vendor is only loaded after consent, and the accept pass will see the real request);
 * - a vendor DOM element marked hidden by the crawler (server-rendered leftovers);
 * - a container or button whose id/class/aria-label says "chatbot", "livechat", "tchat"… (a blog
 *   tag class "tag-chatbot" would otherwise count; a real launcher is clicked by the crawler and
 *   then shows up in snapshot.widgets).
 *
 * Classification, in this order (per vendor):
 * 1. Text of the opened widget(s) for this vendor (snapshot.widgets; an unattributed opened widget
 *    goes to the vendor when exactly one vendor is detected). Bot cues ("assistant virtuel",
 *    "je suis … l'assistant", "chatbot", "bot", "posez-moi votre question", "réponse automatique",
 *    "intelligence artificielle", "IA" in capitals, quick-reply buttons in the widget HTML) give
 *    CHATBOT; human cues ("un conseiller", "conseillère", "agent", "temps d'attente", "disponible
 *    du lundi…", a pre-chat form asking name/e-mail/n° client, "parler à un conseiller"…) give
 *    LIVECHAT; both kinds of cue give BOTH (a bot that hands over to a human). A sentence that
 *    sends the visitor to an advisor by phone or in a branch ("appelez…", "en agence") is not a
 *    human-chat cue.
 * 2. Failing that, the text of the vendor's readable frames and visible containers (launcher labels
 *    such as "Discutez avec un conseiller"), with the same cues.
 * 3. Failing that (no widget could be opened, or it said nothing telling): the vendor's `kind`.
 *    "chatbot" → chatbot, "livechat" → livechat. "both" → the page text: bot cues ("assistant
 *    virtuel", "chatbot", "agent virtuel") → chatbot; "conseiller en ligne", "tchat avec un
 *    conseiller", "discuter avec un conseiller" → livechat; both → both; none → reported under
 *    livechat (a chat window is all that is known) with classifiedBy "unknown".
 *    Unknown vendor: bot words in the iframe title → chatbot, else page cues, else unknown.
 * Every finding carries `classifiedBy`: `widget-text` (steps 1-2, or an unknown vendor's frame
 * title), `vendor-product` (the vendor's kind), `page-wording`, or `unknown`.
 * An opened panel that offers a call-back or an appointment ("Être rappelé", "Prendre rendez-vous",
 * opened by a generic "Besoin d'aide ?" button) is not a chat unless it has a chat composer.
 * One finding per channel: the vendor with the most evidence for that channel (an opened widget
 * weighs most); a known vendor beats an unknown one.
 * Across pages: `reconcileChatFindings` (for the roll-up) replaces the guesses of step 3 by what was
 * read of the same vendor's widget on another page of the site (the crawler opens each launcher
 * once per pass, so most pages only show the unopened launcher).
 *
 * Deliberately ignored / decoys: vendor names in text (cookie tables, privacy policy: "iAdvize"
 * in a list of cookies), links to a vendor's website, the word "chat" in any text (it is also
 * French for "cat"), Trustpilot/Medallia/Qualtrics/Hotjar feedback widgets, CMP dialogs, YouTube
 * iframes titled with a video name containing "chat". js.hs-scripts.com (HubSpot tracking) and
 * sdk.inbenta.io without /chatbot/ (Inbenta search) are not chat markers (see the data file).
 *
 * Known false positives / limits: a vendor script loaded on a page where the chat is switched off
 * (out of hours) still counts as present (we measure the deployment, not the staffing); a bot
 * whose greeting mentions "un conseiller" in another sense is classed BOTH; "both" vendors that
 * could not be opened and that the page does not describe are reported under livechat, classifiedBy
 * "unknown".
 *
 * Tried and rejected: counting any element whose class contains "chat" (French "chat" = cat,
 * pet-insurance pages); treating the page text "chat" / "tchat" as a channel (menus say "Tchat"
 * on sites whose chat sits behind login); matching vendor names in text (cookie-policy decoys).
 */
import type { CheerioAPI } from 'cheerio';
import type { ChannelAttributes, ChannelKey, Evidence, Finding } from './types.ts';
import { loadChatVendors, hostMatches, type ChatVendor } from './data/chat-vendors.ts';
import { loadNonChatHosts } from './data/non-chat-hosts.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { fold, nodeText, visibleText } from './lib/text.ts';
import { isHiddenDeep, selectAll } from './lib/dom.ts';
import { hostOf } from './lib/url.ts';
import { Node, ClassifiedBy, Sighting, CHAT_LIKE, NOT_CHAT, CALLBACK_PANEL, CHAT_COMPOSER, CHAT_FRAME_TITLE, CHAT_FRAME_SRC, CHAT_CONTAINER_TOKEN, CHAT_LAUNCHER_LABEL, urlMarker, iframeMarker, executableScript, nonChatHost, describe, newSighting, push, cues, classifyWidget } from './lib/chat-cues.ts';

function detect(page: PageView): Finding[] {
  const vendors = loadChatVendors();
  const snap = page.snapshot;
  const url = page.url;
  const base = url || 'https://invalid.invalid/';
  const seen = new Map<string, Sighting>();
  const get = (id: string): Sighting => {
    let s = seen.get(id);
    if (!s) {
      s = newSighting();
      seen.set(id, s);
    }
    return s;
  };
  /** <iframe> elements a vendor selector matched: their snapshot frame is the vendor's (by name, title or src) */
  const vendorIframes: { vendor: string; name: string; title: string; src: string; weak: boolean }[] = [];
  const vendorElements = new Set<unknown>();
  const docs: { $: CheerioAPI; where: string }[] = [{ $: page.$, where: url }, ...page.frames.map((f) => ({ $: f.$, where: f.url || url }))];

  // requests
  for (const r of (snap.requests ?? []).slice(0, 5000)) {
    if (!r || typeof r.url !== 'string') continue;
    for (const v of vendors) {
      const m = urlMarker(r.url, base, v);
      if (m) push(get(v.id).strong, evidence(url, 'request', 'vendor-request', `${m}: ${r.url}`));
    }
  }
  // globals
  const globals = new Set(snap.globals ?? []);
  for (const v of vendors) {
    for (const g of v.globals) {
      if (!globals.has(g)) continue;
      if (v.weakMarkers.includes(g)) push(get(v.id).weak, evidence(url, 'global', 'vendor-global-weak', `window.${g} (a common name: needs corroboration)`));
      else push(get(v.id).strong, evidence(url, 'global', 'vendor-global', `window.${g}`));
    }
  }

  for (const { $, where } of docs) {
    // script src
    for (const el of selectAll($, 'script[src], script[data-src]')) {
      const a = (el as Node).attribs ?? {};
      const blocked = !executableScript(a);
      const src = (blocked ? a.src || a['data-src'] : a.src) ?? '';
      if (!src) continue;
      for (const v of vendors) {
        const m = urlMarker(src, where, v);
        if (!m) continue;
        if (blocked) {
          // held back by a consent platform: the widget may load after consent, it is not there now
          push(get(v.id).weak, evidence(url, 'script', 'vendor-script-blocked', `${m}: <script type="${a.type ?? ''}"> ${src}`, 'script'));
        } else push(get(v.id).strong, evidence(url, 'script', 'vendor-script-src', `${m}: ${src}`, 'script[src]'));
      }
    }
    // inline snippets (weak)
    let inline = '';
    for (const el of selectAll($, 'script:not([src])')) {
      // blocked or not, an inline snippet only mentions the vendor: weak either way
      inline += `${$(el as never).text()}\n`;
      if (inline.length > 400_000) break;
    }
    if (inline) {
      const lower = inline.toLowerCase();
      for (const v of vendors) {
        const hit =
          v.scriptHosts.find((h) => h && (lower.includes(`//${h.toLowerCase()}`) || lower.includes(`.${h.toLowerCase()}/`))) ??
          v.scriptPaths.find((p) => p.length > 6 && lower.includes(p.toLowerCase()));
        if (hit) push(get(v.id).weak, evidence(url, 'script', 'vendor-inline-snippet', `inline script mentions ${hit}`, 'script:not([src])'));
      }
    }
    // preconnect / dns-prefetch links (weak)
    for (const el of selectAll($, 'link[href]')) {
      const href = (el as Node).attribs?.href ?? '';
      const rel = ((el as Node).attribs?.rel ?? '').toLowerCase();
      for (const v of vendors) {
        const m = urlMarker(href, where, v);
        if (m) push(get(v.id).weak, evidence(url, 'dom', 'vendor-preconnect', `<link rel="${rel}" href="${href}">`, 'link[href]'));
      }
    }
    // vendor selectors
    for (const v of vendors) {
      for (const sel of v.selectors) {
        const els = selectAll($, sel);
        for (const el of els.slice(0, 3)) {
          const n = el as Node;
          if (n.name === 'link') {
            push(get(v.id).weak, evidence(url, 'dom', 'vendor-preconnect', describe($, el), sel));
          } else if (n.name === 'script' && !executableScript(n.attribs)) {
            push(get(v.id).weak, evidence(url, 'script', 'vendor-script-blocked', describe($, el), sel));
          } else if (v.weakMarkers.includes(sel)) {
            // a generic id or class prefix: recorded, never a widget on its own (its frame's text
            // still counts when the vendor is otherwise confirmed)
            push(get(v.id).weak, evidence(url, 'dom', 'vendor-dom-weak', describe($, el), sel));
            if ((n.name === 'iframe' || n.name === 'frame') && !isHiddenDeep(el)) {
              vendorElements.add(el);
              const a = n.attribs ?? {};
              vendorIframes.push({ vendor: v.id, name: a.name ?? '', title: a.title ?? '', src: a.src ?? '', weak: true });
            }
          } else if (isHiddenDeep(el)) {
            push(get(v.id).weak, evidence(url, 'dom', 'vendor-dom-hidden', describe($, el), sel));
          } else {
            push(get(v.id).strong, evidence(url, 'dom', 'vendor-dom', describe($, el), sel));
            if (n.name === 'iframe' || n.name === 'frame') {
              vendorElements.add(el);
              const a = n.attribs ?? {};
              vendorIframes.push({ vendor: v.id, name: a.name ?? '', title: a.title ?? '', src: a.src ?? '', weak: false });
            }
            const t = nodeText(el as never);
            if (t) get(v.id).containerTexts.push(t.slice(0, 2000));
          }
        }
      }
    }
    // iframes in the HTML
    for (const el of selectAll($, 'iframe, frame')) {
      const a = (el as Node).attribs ?? {};
      const src = a.src ?? a['data-src'] ?? '';
      const labels = [a.title ?? '', a.name ?? '', a.id ?? '', a['aria-label'] ?? ''].filter(Boolean);
      // a video player, a map, a survey: never a chat, whatever its title says
      if (src && nonChatHost(src, where)) continue;
      let matched = false;
      for (const v of vendors) {
        const m = iframeMarker(src, labels, where, v);
        if (m) {
          matched = true;
          push(get(v.id).strong, evidence(url, 'dom', 'vendor-iframe', `${m}: ${describe($, el)}`, 'iframe'));
        }
        const w = m ? null : iframeMarker(src, labels, where, v, 'weak');
        if (w) push(get(v.id).weak, evidence(url, 'dom', 'vendor-iframe-weak', `${w}: ${describe($, el)}`, 'iframe'));
      }
      if (matched || vendorElements.has(el) || isHiddenDeep(el)) continue;
      const label = labels.map(fold).find((l) => CHAT_FRAME_TITLE.test(l));
      if (label || CHAT_FRAME_SRC.test(src)) {
        push(get('').strong, evidence(url, 'dom', 'chat-iframe', describe($, el), 'iframe'));
        if (label) get('').titles.push(label);
      }
    }
    // unknown-vendor containers and launchers (weak)
    for (const el of selectAll($, 'div[id], div[class], section[id], section[class], aside, button, [role="button"], [role="dialog"]')) {
      const a = (el as Node).attribs ?? {};
      const tokens = `${a.id ?? ''} ${a.class ?? ''}`.split(/\s+/).filter(Boolean);
      const aria = fold(a['aria-label'] ?? '');
      if (tokens.some((t) => CHAT_CONTAINER_TOKEN.test(t)) || CHAT_LAUNCHER_LABEL.test(aria)) {
        if (!isHiddenDeep(el)) push(get('').weak, evidence(url, 'dom', 'chat-container', describe($, el)));
      }
    }
  }

  // snapshot.frames (cross-origin frames too)
  for (const f of snap.frames ?? []) {
    if (!f) continue;
    const labels = [f.title ?? '', f.name ?? ''].filter(Boolean);
    if (f.url && nonChatHost(f.url, base)) continue;
    let matched = false;
    const parsed = page.frames.find((p) => p.url === f.url && (p.title ?? '') === (f.title ?? '')) ?? page.frames.find((p) => p.url === f.url);
    // A frame written by the vendor's script (about:blank, document.write) carries no vendor URL:
    // it is the vendor's when a vendor selector matched its <iframe> element (same name or title).
    const owner = vendorIframes.find(
      (x) => (x.name && x.name === f.name) || (x.title && x.title === f.title) || (x.src && !/^about:/i.test(x.src) && x.src === f.url),
    );
    for (const v of vendors) {
      const direct = iframeMarker(f.url ?? '', labels, base, v);
      const m = direct ?? (owner?.vendor === v.id ? 'vendor iframe element' : null);
      if (m) {
        matched = true;
        const s = get(v.id);
        // a frame owned only through a weak <iframe> marker is weak too
        const strong = !!direct || !owner?.weak;
        push(strong ? s.strong : s.weak, evidence(url, 'frame', strong ? 'vendor-frame' : 'vendor-frame-weak', `${m}: ${f.url}${f.title ? ` "${f.title}"` : ''}`));
        if (parsed && f.visible) {
          const t = visibleText(parsed.$);
          if (t) s.containerTexts.push(t.slice(0, 4000));
        }
      }
    }
    if (matched) continue;
    const label = labels.map(fold).find((l) => CHAT_FRAME_TITLE.test(l));
    if (label || CHAT_FRAME_SRC.test(f.url ?? '')) {
      push(get('').strong, evidence(url, 'frame', 'chat-frame', `${f.url}${f.title ? ` "${f.title}"` : ''}`));
      if (label) get('').titles.push(label);
    }
  }

  // opened widgets
  const unassigned: { text: string; html: string | null; trigger: string }[] = [];
  for (const w of snap.widgets ?? []) {
    if (!w) continue;
    const text = w.text ?? '';
    const v = w.vendor ? vendors.find((x) => x.id === w.vendor) : vendors.find((x) => w.frameUrl && (urlMarker(w.frameUrl, base, x) || iframeMarker(w.frameUrl, [], base, x)));
    if (v) {
      const s = get(v.id);
      push(s.strong, evidence(url, 'widget', 'widget-opened', `${w.trigger ? `${w.trigger} → ` : ''}${text || '(no text)'}`));
      if (text) s.widgetTexts.push({ text, html: w.html });
    } else if (!(w.frameUrl && nonChatHost(w.frameUrl, base))) {
      const f = fold(text);
      if (CHAT_LIKE.test(f) && !NOT_CHAT.test(f) && !(CALLBACK_PANEL.test(f) && !CHAT_COMPOSER.test(f))) unassigned.push({ text, html: w.html, trigger: w.trigger ?? '' });
    }
  }
  const known = vendors.filter((v) => (seen.get(v.id)?.strong.length ?? 0) > 0);
  for (const w of unassigned) {
    const target = known.length === 1 ? get(known[0].id) : get('');
    push(target.strong, evidence(url, 'widget', 'widget-opened', `${w.trigger ? `${w.trigger} → ` : ''}${w.text}`));
    target.widgetTexts.push({ text: w.text, html: w.html });
  }

  // classify and pick one vendor per channel
  const pageFolded = fold(visibleText(page.$) || page.text);
  const candidates: { vendor: string | null; score: number; channels: Set<ChannelKey>; ev: Evidence[]; by: ClassifiedBy }[] = [];
  for (const [id, s] of seen) {
    if (s.strong.length === 0) continue;
    const v = vendors.find((x) => x.id === id);
    const { channels, ev, by } = classifyWidget(s, v ? v.kind : 'unknown', pageFolded, url);
    const score = s.strong.length + (s.widgetTexts.length ? 10 : 0) + (v ? 0 : -100);
    candidates.push({ vendor: v ? v.id : null, score, channels, by, ev: [...s.strong.slice(0, 8), ...ev, ...s.weak.slice(0, 3)] });
  }
  candidates.sort((a, b) => b.score - a.score || String(a.vendor).localeCompare(String(b.vendor)));
  const findings: Finding[] = [];
  for (const ch of ['chatbot', 'livechat'] as const) {
    const best = candidates.find((c) => c.channels.has(ch));
    if (!best) continue;
    const ev = best.ev.slice(0, 12).map((e) => (GUESSED.test(e.signal) ? { ...e, inferred: true } : e));
    const f: Finding = { channel: ch, detector: 'chat-widget', attributes: { vendor: best.vendor, classifiedBy: best.by }, evidence: ev };
    // Read (the widget's own text) or guessed (vendor product, page wording): the roll-up lets a
    // widget read on one page name the same vendor's guesses on the others.
    if (ev.some((e) => OBSERVED_CUE.test(e.signal))) f.basis = 'observed';
    else if (ev.some((e) => e.inferred)) f.basis = 'inferred';
    findings.push(f);
  }
  return findings;
}

/** Evidence signals that say what a widget IS because its own text was read (opened or framed). */
const OBSERVED_CUE = /^(widget-text|container-text)-(chatbot|livechat)-cue$/;
/** Evidence signals of a guess made without reading the widget (vendor kind, page wording, default). */
const GUESSED = /^(vendor-kind-(chatbot|livechat)|page-text-(chatbot|livechat)-cue|unclassified-chat|default-livechat)$/;

export const chatWidget: Detector = {
  id: 'chat-widget',
  version: 2,
  channels: ['chatbot', 'livechat'],
  needs: ['html', 'frames', 'requests', 'globals', 'widgets'],
  globals: [...new Set(loadChatVendors().flatMap((v) => v.globals))],
  detect,
};
