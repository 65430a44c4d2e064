/**
 * The vendor scripts the generated sites load, as stubs that behave as the real ones do: an iAdvize
 * chat (halc.iadvize.com, launcher + panel) and a OneTrust consent banner (cdn.cookielaw.org).
 */
export const IADVIZE_JS = `/* Generated stub of iAdvize's tag (halc.iadvize.com/iadvize.js): defines window.iAdvize,
 * shows a fixed launcher button#idz_button after 300 ms; a click opens div#idz_chatbox,
 * a panel "Un conseiller vous répond". */
(function () {
  var iAdvize = window.iAdvize = { version: 'stub', on: function () {}, set: function () {}, get: function () {},
    chatbox: { isOpen: false, open: open, close: close } };
  function open() {
    var box = document.getElementById('idz_chatbox');
    if (!box) {
      box = document.createElement('div'); box.id = 'idz_chatbox'; box.className = 'idz_chatbox';
      box.setAttribute('role', 'dialog'); box.setAttribute('aria-label', 'Fenêtre de conversation');
      box.setAttribute('style', 'position:fixed;right:24px;bottom:96px;width:340px;height:420px;z-index:2147483000;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px Arial,sans-serif;padding:16px');
      box.innerHTML = '<h2 style="margin:0 0 8px;font-size:18px">Un conseiller vous répond</h2>' +
        '<p>Bonjour, je suis Camille, conseillère. Comment puis-je vous aider ?</p>' +
        '<textarea id="idz-composer" placeholder="Écrivez votre message…" style="width:100%;height:80px"></textarea>' +
        '<button id="idz-send" type="button">Envoyer</button>';
      document.body.appendChild(box);
    }
    box.style.display = 'block'; iAdvize.chatbox.isOpen = true;
  }
  function close() { var b = document.getElementById('idz_chatbox'); if (b) b.style.display = 'none'; iAdvize.chatbox.isOpen = false; }
  function launcher() {
    if (document.getElementById('idz_button')) return;
    var b = document.createElement('button');
    b.id = 'idz_button'; b.type = 'button'; b.className = 'idz-btn';
    b.setAttribute('aria-label', 'Discuter avec un conseiller');
    b.setAttribute('style', 'position:fixed;right:24px;bottom:24px;z-index:2147483000;height:56px;padding:0 20px;border:0;border-radius:28px;background:#e4007c;color:#fff;font:bold 15px Arial,sans-serif;cursor:pointer');
    b.textContent = 'Discuter avec un conseiller';
    b.onclick = function () { if (iAdvize.chatbox.isOpen) close(); else open(); };
    document.body.appendChild(b);
  }
  if (document.body) setTimeout(launcher, 300); else document.addEventListener('DOMContentLoaded', function () { setTimeout(launcher, 300); });
})();
`;

export const ONETRUST_JS = `/* Generated stub of a OneTrust banner (cdn.cookielaw.org/scripttemplates/otSDKStub.js):
 * #onetrust-consent-sdk > #onetrust-banner-sdk with #onetrust-reject-all-handler and
 * #onetrust-accept-btn-handler; the choice is kept in the OptanonConsent and
 * OptanonAlertBoxClosed cookies. */
(function () {
  function getCookie(n) { var m = document.cookie.match(new RegExp('(?:^|; )' + n + '=([^;]*)')); return m ? m[1] : null; }
  function setCookie(n, v) { document.cookie = n + '=' + encodeURIComponent(v) + '; path=/; max-age=31536000; SameSite=Lax'; }
  var ALL = ['C0001', 'C0002', 'C0003', 'C0004'];
  function apply(groups) { window.OnetrustActiveGroups = ',' + groups.join(',') + ','; window.OptanonActiveGroups = window.OnetrustActiveGroups; }
  function save(groups) {
    setCookie('OptanonConsent', 'groups=' + ALL.map(function (g) { return g + ':' + (groups.indexOf(g) >= 0 ? 1 : 0); }).join(','));
    setCookie('OptanonAlertBoxClosed', new Date().toISOString());
    var sdk = document.getElementById('onetrust-consent-sdk'); if (sdk) sdk.style.display = 'none';
    apply(groups);
  }
  window.OneTrust = window.Optanon = { AllowAll: function () { save(ALL); }, RejectAll: function () { save(['C0001']); },
    IsAlertBoxClosed: function () { return !!getCookie('OptanonAlertBoxClosed'); }, Close: function () {}, OnConsentChanged: function () {},
    ToggleInfoDisplay: function () {} };
  var stored = getCookie('OptanonConsent');
  if (stored) { var g = decodeURIComponent(stored).replace('groups=', '').split(',').filter(function (p) { return /:1$/.test(p); }).map(function (p) { return p.split(':')[0]; }); apply(g); return; }
  apply(['C0001']);
  function show() {
    var sdk = document.createElement('div'); sdk.id = 'onetrust-consent-sdk';
    sdk.innerHTML = '<div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Bannière cookies" tabindex="0" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483645;background:#fff;color:#222;box-shadow:0 -2px 12px rgba(0,0,0,.25);padding:18px 24px;font:14px Arial,sans-serif">' +
      '<div id="onetrust-policy"><h2 id="onetrust-policy-title">Gestion des cookies</h2><p id="onetrust-policy-text">Nous utilisons des cookies pour mesurer l’audience, personnaliser les contenus et vous proposer une assistance en ligne. Vous pouvez accepter, refuser ou paramétrer vos choix.</p></div>' +
      '<div id="onetrust-button-group"><button id="onetrust-pc-btn-handler">Paramétrer</button> <button id="onetrust-reject-all-handler">Tout refuser</button> <button id="onetrust-accept-btn-handler">Tout accepter</button></div></div>';
    document.body.appendChild(sdk);
    document.getElementById('onetrust-accept-btn-handler').onclick = function () { save(ALL); };
    document.getElementById('onetrust-reject-all-handler').onclick = function () { save(['C0001']); };
    document.getElementById('onetrust-pc-btn-handler').onclick = function () { save(['C0001']); };
  }
  if (document.body) setTimeout(show, 200); else document.addEventListener('DOMContentLoaded', function () { setTimeout(show, 200); });
})();
`;
