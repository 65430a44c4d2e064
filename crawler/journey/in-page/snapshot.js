/*
 * Runs inside a page or frame (evaluated as a string, never transpiled). Gathers what only a live
 * browser knows and returns it as plain data:
 * - html: the rendered document with open shadow roots serialised in place
 *   (<template shadowrootmode="open">) and every topmost element a person cannot see marked
 *   data-ct-hidden="1" (checkVisibility with opacity and visibility, or placed wholly off-screen);
 * - links: every a[href]/area[href] and data-href/data-url element, with its text and page region;
 * - scriptNav: buttons and clickables without href that may navigate by script, tagged in the live
 *   DOM with data-ct-nav="<n>" so the crawler can click them;
 * - globals: which of the asked window globals exist (dotted paths allowed).
 * With opts.linksOnly, only the title and the links (visibility marks applied, so a link is ranked
 * as in the full snapshot): the early look at a home page, before its dwell.
 * Limits: closed shadow roots are out of reach; beyond maxElements the visibility marks are skipped.
 * Uses the shared prelude `ct` (in-page/prelude.js).
 */
(opts) => {
  const maxElements = opts.maxElements || 60000;
  const maxHtml = opts.maxHtml || 4000000;
  const { elements: all, roots } = ct.walk(maxElements * 2 + 1);
  const truncated = all.length > maxElements;

  const vw = window.innerWidth || 1280;
  const hiddenSelf = (el) => {
    if (typeof el.checkVisibility === 'function') {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    } else {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') return true;
    }
    const r = el.getBoundingClientRect();
    if (r.right < 0 || r.bottom < -5000 || r.left > vw + 2000) return true;
    return false;
  };
  const marked = [];
  if (!truncated) {
    const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BR', 'HTML']);
    for (const el of all) {
      if (skip.has(el.tagName)) continue;
      const parent = el.parentElement || (el.parentNode && el.parentNode.host) || null;
      if (parent && parent.hasAttribute && parent.closest && parent.closest('[data-ct-hidden]')) continue;
      if (hiddenSelf(el)) {
        // A visible descendant (visibility:visible inside visibility:hidden) is rare; accepted.
        el.setAttribute('data-ct-hidden', '1');
        marked.push(el);
      }
    }
  }

  const regionOf = (el) => {
    let n = el;
    while (n) {
      if (n.nodeType === 1) {
        const tag = n.tagName;
        const role = (n.getAttribute('role') || '').toLowerCase();
        if (tag === 'FOOTER' || role === 'contentinfo') return 'footer';
        if (tag === 'NAV' || role === 'navigation' || role === 'menubar' || role === 'menu') return 'nav';
        if (tag === 'HEADER' || role === 'banner') return 'header';
        if (tag === 'MAIN' || role === 'main') return 'main';
        if (tag === 'ASIDE') return 'aside';
      }
      n = n.parentElement || (n.parentNode && n.parentNode.host) || null;
    }
    return 'body';
  };
  const textOf = (el) => {
    const t = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
    if (t) return t.slice(0, 120);
    const aria = el.getAttribute('aria-label') || el.getAttribute('title');
    if (aria) return aria.trim().slice(0, 120);
    const img = el.querySelector && el.querySelector('img[alt]');
    return img ? (img.getAttribute('alt') || '').trim().slice(0, 120) : '';
  };
  const isHidden = (el) => !!el.closest('[data-ct-hidden]') || (el.getRootNode() && el.getRootNode().host && !!el.getRootNode().host.closest('[data-ct-hidden]'));

  const links = [];
  const seen = new Set();
  const pushLink = (el, raw, kind) => {
    let href;
    try {
      href = new URL(raw, document.baseURI).href;
    } catch (e) {
      return;
    }
    const text = textOf(el);
    const key = href + '|' + text;
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ href, text, region: regionOf(el), hidden: isHidden(el), kind, title: el.getAttribute('title') || '', aria: el.getAttribute('aria-label') || '' });
  };
  const scan = (root) => {
    for (const a of root.querySelectorAll('a[href], area[href]')) pushLink(a, a.getAttribute('href'), 'link');
    for (const el of root.querySelectorAll('[data-href], [data-url], [data-link]')) {
      const raw = el.getAttribute('data-href') || el.getAttribute('data-url') || el.getAttribute('data-link');
      if (raw && /^(https?:|\/|\.)/.test(raw)) pushLink(el, raw, 'script');
    }
  };
  scan(document);
  for (const r of roots) scan(r);
  if (opts.linksOnly) {
    for (const el of marked) el.removeAttribute('data-ct-hidden');
    return { title: document.title || '', links };
  }

  // Clickables without href that may navigate by script.
  const scriptNav = [];
  let navId = 0;
  const navCandidates = (root) => root.querySelectorAll('button, [role="button"], [role="link"], [onclick], [role="menuitem"]');
  for (const root of [document, ...roots]) {
    for (const el of navCandidates(root)) {
      if (el.closest('a[href]') || el.closest('form')) continue;
      if (el.hasAttribute('data-href') || el.hasAttribute('data-url')) continue;
      // Menu toggles and disclosure buttons open something in place; they do not navigate.
      if (el.hasAttribute('aria-expanded') || el.hasAttribute('aria-haspopup') || el.hasAttribute('aria-controls')) continue;
      // Small floating boxes (chat launchers, back-to-top) do not navigate either; a sticky
      // header or nav bar, full width, does.
      let floating = false;
      for (let n = el; n && n.nodeType === 1; n = n.parentElement || (n.getRootNode() && n.getRootNode().host) || null) {
        const pos = getComputedStyle(n).position;
        if (pos === 'fixed' || pos === 'sticky') {
          const r = n.getBoundingClientRect();
          const bar = n.closest('header, nav, [role="banner"], [role="navigation"]') || r.width >= vw * 0.6;
          floating = !bar;
          break;
        }
      }
      if (floating) continue;
      const text = textOf(el);
      if (!text || text.length > 80) continue;
      if (isHidden(el)) continue;
      const id = String(navId++);
      el.setAttribute('data-ct-nav', id);
      scriptNav.push({ id, text, region: regionOf(el), onclick: (el.getAttribute('onclick') || '').slice(0, 200) });
      if (navId > 400) break;
    }
  }

  const globals = [];
  for (const name of opts.globals || []) {
    try {
      let v = window;
      for (const part of name.split('.')) {
        if (v == null) break;
        v = v[part];
      }
      if (typeof v !== 'undefined' && v !== null) globals.push(name);
    } catch (e) {
      /* a getter threw: treat as absent */
    }
  }

  let html = '';
  try {
    const attrs = Array.from(document.documentElement.attributes)
      .map((a) => ' ' + a.name + '="' + a.value.replace(/"/g, '&quot;') + '"')
      .join('');
    const inner = typeof document.documentElement.getHTML === 'function'
      ? document.documentElement.getHTML({ shadowRoots: roots })
      : document.documentElement.innerHTML;
    html = '<!DOCTYPE html><html' + attrs + '>' + inner + '</html>';
  } catch (e) {
    html = document.documentElement ? document.documentElement.outerHTML : '';
  }
  if (html.length > maxHtml) html = html.slice(0, maxHtml);
  for (const el of marked) el.removeAttribute('data-ct-hidden');

  return {
    html,
    title: document.title || '',
    links,
    scriptNav,
    globals,
    elementCount: all.length,
    truncated,
  };
}
