/*
 * Runs inside a page or frame (evaluated as a string). Looks at a cookie banner the way a person
 * does: a visible dialog, fixed bar or known CMP container that talks about cookies, and the
 * buttons of its first layer. Actions:
 *   'inspect' → { banner, cmp, rejectButton, acceptButton, settingsButton }
 *   'reject'  → clicks the first-layer refusal, else opens the settings layer and refuses there
 *   'accept'  → clicks the first-layer acceptance
 * `platforms` (detectors/data/consent-platforms.json) names the CMP from its DOM ids, globals
 * (dotted paths: `tC.privacy`, never the tag manager's bare `tC`) and script URLs, and gives its
 * own first-layer refusal buttons. A cookie notice no platform is behind (an in-house bar: "En
 * poursuivant votre navigation, vous acceptez…", "J'accepte" / "Tout refuser") is a banner too,
 * with cmp null and its refusal read from its buttons' text.
 * Used to tell whether the first layer offers a one-click refusal (CONTRACT §4 consent record),
 * and as the fallback when autoconsent's rules do not handle a banner.
 */
(args) => {
  const { action, platforms } = args;
  const fold = (s) => (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  const REJECT = /^(tout refuser|refuser tout|tout rejeter|rejeter tout|refuser|je refuse|rejeter|refuser les cookies|refuser et (continuer|fermer)|continuer sans accepter|poursuivre sans accepter|non merci|uniquement (les )?(cookies )?(essentiels|necessaires|strictement necessaires)|(autoriser|accepter) (uniquement|seulement) les cookies (essentiels|necessaires)|cookies essentiels uniquement|reject all|decline( all)?|refuse all|deny|only necessary|necessary only)\b/;
  const REJECT_LOOSE = /(continuer sans accepter|tout refuser|refuser tout|je refuse|refuser les cookies|reject all|decline all)/;
  const ACCEPT = /^(tout accepter|accepter tout|accepter et (fermer|continuer)|j'accepte|j’accepte|accepter|c'est (bon|ok)|ca me va|j'ai compris|ok pour moi|accepter les cookies|autoriser tous les cookies|tout autoriser|accept all|accept|allow all|i agree|agree|ok|d'accord)\b/;
  const SETTINGS = /(parametrer|personnaliser|gerer (mes|les) (choix|preferences|cookies)|preferences|en savoir plus et personnaliser|options|reglages|customi[sz]e|manage|settings|choisir)/;
  const SAVE = /(enregistrer|valider|confirmer) (mes |les )?(choix|preferences|parametres)|^(enregistrer|valider|confirmer)\b|save/;
  const COOKIE_TEXT = /(cookie|traceur|consentement|donnees personnelles|vie privee|confidentialite|privacy)/;

  const roots = ct.roots();
  const qsa = (sel) => {
    const out = [];
    for (const r of roots) {
      try {
        out.push(...r.querySelectorAll(sel));
      } catch (e) {
        /* invalid selector */
      }
    }
    return out;
  };
  const visible = (el) => ct.shown(el);

  const hasGlobal = (path) => {
    try {
      let o = window;
      for (const k of path.split('.')) {
        if (o == null || (typeof o !== 'object' && typeof o !== 'function') || !(k in o)) return false;
        o = o[k];
      }
      return typeof o !== 'undefined';
    } catch (e) {
      return false;
    }
  };
  const scriptSrcs = Array.from(document.scripts, (s) => (s.src || '').toLowerCase()).filter(Boolean);
  let cmp = null;
  for (const p of platforms) {
    const hit =
      p.selectors.some((s) => qsa(s).length > 0) ||
      p.globals.some(hasGlobal) ||
      (p.scripts || []).some((frag) => scriptSrcs.some((src) => src.includes(frag.toLowerCase())));
    if (hit) {
      cmp = p.id;
      break;
    }
  }

  // Banner containers: known CMP containers first, then dialogs and fixed/sticky boxes about cookies.
  const known = platforms.flatMap((p) => p.containers);
  let containers = qsa(known.join(',')).filter(visible);
  if (!containers.length) {
    const cands = qsa('[role="dialog"], [role="alertdialog"], [aria-modal="true"], dialog[open], div, section, aside, form, footer');
    containers = cands.filter((el) => {
      if (!visible(el)) return false;
      const cs = getComputedStyle(el);
      const pos = cs.position === 'fixed' || cs.position === 'sticky' || el.getAttribute('role') === 'dialog' || el.getAttribute('aria-modal') === 'true' || el.tagName === 'DIALOG';
      // an in-house notice in the flow of the page names itself (id/class "cookie", "consent", "rgpd")
      const named = /cookie|consent|rgpd|gdpr|bandeau-?cnil/i.test(`${el.id} ${typeof el.className === 'string' ? el.className : ''}`);
      if (!pos && !named) return false;
      const t = fold(el.innerText).slice(0, 3000);
      return COOKIE_TEXT.test(t) && t.length < 3000 && el.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"]').length > 0;
    });
  }
  const banner = containers[0] || null;
  const result = { banner: !!banner, cmp, rejectButton: false, acceptButton: false, settingsButton: false, clicked: null };
  if (!banner) return result;

  const buttonsIn = (root) => {
    const scope = [root];
    if (root.shadowRoot) scope.push(root.shadowRoot);
    for (const r of roots) if (r !== document && root.contains(r.host)) scope.push(r);
    const out = [];
    for (const s of scope) out.push(...s.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"], [onclick]'));
    return out.filter(visible);
  };
  // Leading symbols ("✓ Tout accepter", "✗ Tout refuser", "> Continuer") are decoration.
  const label = (el) => fold(el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('title') || '').replace(/^[^a-z0-9]+/, '');
  const btns = buttonsIn(banner);
  // the platform's own refusal button first (its label may be anything the site chose)
  const own = platforms.flatMap((p) => p.rejectButtons || []);
  const ownReject = own.length ? qsa(own.join(',')).filter(visible)[0] : null;
  const reject = ownReject || btns.find((b) => REJECT.test(label(b))) || btns.find((b) => REJECT_LOOSE.test(label(b)));
  const ownAcc = platforms.flatMap((p) => p.acceptButtons || []);
  const ownAccept = ownAcc.length ? qsa(ownAcc.join(',')).filter(visible)[0] : null;
  const accept = ownAccept || btns.find((b) => ACCEPT.test(label(b)) && !REJECT_LOOSE.test(label(b)));
  const settings = btns.find((b) => SETTINGS.test(label(b)) && b !== reject && b !== accept);
  result.rejectButton = !!reject;
  result.acceptButton = !!accept;
  result.settingsButton = !!settings;

  if (action === 'accept' && accept) {
    accept.click();
    result.clicked = label(accept);
  } else if (action === 'reject') {
    if (reject) {
      reject.click();
      result.clicked = label(reject);
    } else if (settings) {
      settings.click();
      result.clicked = label(settings);
      result.needsSecondLayer = true;
    }
  } else if (action === 'reject-second-layer') {
    // After "Paramétrer": refuse everything, else save the default choices (off by law in the EU).
    const all = qsa('button, a, [role="button"], input[type="button"], input[type="submit"]').filter(visible);
    const rej = all.find((b) => REJECT.test(label(b))) || all.find((b) => REJECT_LOOSE.test(label(b)));
    const save = all.find((b) => SAVE.test(label(b)));
    const target = rej || save;
    if (target) {
      target.click();
      result.clicked = label(target);
    }
  }
  return result;
}
