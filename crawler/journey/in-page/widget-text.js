/*
 * Runs inside a page or frame (evaluated as a string). Returns the visible text of floating
 * widgets: fixed or sticky boxes (open shadow roots included) and, for a frame, its whole body.
 * Called before and after a chat launcher is clicked; the crawler keeps what appeared. Uses the
 * shared prelude `ct` (in-page/prelude.js).
 */
(args) => {
  const wholeBody = args && args.wholeBody;
  const clip = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, 4000);
  if (wholeBody) {
    return [{ key: 'body', text: clip(document.body ? document.body.innerText : ''), html: document.body ? document.body.outerHTML.slice(0, 50000) : '' }];
  }
  const roots = ct.roots();
  const out = [];
  let n = 0;
  for (const root of roots) {
    for (const el of root.querySelectorAll('div, section, aside, dialog, [role="dialog"], df-messenger, iframe')) {
      if (n++ > 20000) break;
      const cs = getComputedStyle(el);
      if (cs.position !== 'fixed' && cs.position !== 'sticky' && el.getAttribute('role') !== 'dialog') continue;
      // a widget box is at least 40 px each way (a launcher bubble is smaller than a panel)
      if (!ct.shown(el, 39.999)) continue;
      const r = el.getBoundingClientRect();
      let text = clip(el.innerText);
      if (el.shadowRoot) text = clip(text + ' ' + (el.shadowRoot.textContent || ''));
      const key = (el.id ? '#' + el.id : el.tagName.toLowerCase()) + '@' + Math.round(r.left) + ',' + Math.round(r.top);
      out.push({ key, text, html: (el.outerHTML || '').slice(0, 50000) });
    }
  }
  return out;
}
