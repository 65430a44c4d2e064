/*
 * The shared prelude of every in-page script (evaluated as a string, never transpiled): the crawler
 * prepends it and hands the result to the script as `ct` (see crawler/journey/in-page.ts).
 * - ct.walk(limit): every element of the document and of its open shadow roots, in document
 *   order, stopping after `limit` elements; returns { elements, roots } (roots: the open shadow
 *   roots met, the document not included);
 * - ct.roots(): the document and every open shadow root under it;
 * - ct.shown(el, minSize): a person can see it (rendered, not transparent, not visibility:hidden,
 *   larger than minSize px, default 1).
 * Closed shadow roots are out of reach by design of the web platform.
 */
({
  walk(limit) {
    const elements = [];
    const roots = [];
    const max = limit || Infinity;
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (elements.length >= max) return;
        elements.push(el);
        if (el.shadowRoot && el.shadowRoot.mode === 'open') {
          roots.push(el.shadowRoot);
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    return { elements, roots };
  },
  roots() {
    return [document, ...this.walk().roots];
  },
  shown(el, minSize) {
    if (!el || !el.isConnected) return false;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    const min = minSize === undefined ? 1 : minSize;
    return r.width > min && r.height > min;
  },
})
