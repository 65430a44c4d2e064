/*
 * Runs inside a page or frame (evaluated as a string). One round trip instead of one per
 * selector: finds the first of `selectors` present in the document or an open shadow root
 * (visible when `visible` is set), or, with `generic`, a visible floating button whose label
 * matches the regex. With `tag`, marks the element data-ct-launcher="1" so the crawler can click it.
 * Returns { index, generic } or null. Uses the shared prelude `ct` (in-page/prelude.js).
 */
(args) => {
  const roots = ct.roots();
  const isVisible = (el) => ct.shown(el);
  for (const old of document.querySelectorAll('[data-ct-launcher]')) old.removeAttribute('data-ct-launcher');
  const mark = (el) => {
    if (args.tag) el.setAttribute('data-ct-launcher', '1');
  };
  const sels = args.selectors || [];
  for (let i = 0; i < sels.length; i++) {
    for (const root of roots) {
      let found = [];
      try {
        found = root.querySelectorAll(sels[i]);
      } catch (e) {
        break; /* invalid selector in the data */
      }
      for (const el of found) {
        if (args.visible && !isVisible(el)) continue;
        mark(el);
        return { index: i, generic: false };
      }
    }
  }
  if (args.generic) {
    const re = new RegExp(args.generic, 'i');
    for (const root of roots) {
      for (const el of root.querySelectorAll('button, [role="button"], a[href="#"], a:not([href]), div[tabindex], span[tabindex]')) {
        const label = ((el.innerText || '') + ' ' + (el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('title') || '')).trim();
        if (!label || label.length > 80 || !re.test(label) || !isVisible(el)) continue;
        let n = el;
        let floating = false;
        while (n) {
          const pos = getComputedStyle(n).position;
          if (pos === 'fixed' || pos === 'sticky') {
            floating = true;
            break;
          }
          n = n.parentElement || (n.getRootNode && n.getRootNode().host) || null;
        }
        if (!floating) continue;
        mark(el);
        return { index: -1, generic: true };
      }
    }
  }
  return null;
}
