import { describe, expect, it } from 'vitest';
import { chatWidget } from '../../detectors/chat-widget.ts';
import { reconcileChatFindings } from '../../crawler/judge/reconcile-chat.ts';
import { loadChatVendors } from '../../detectors/data/chat-vendors.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

const channels = (fs: { channel: string }[]) => fs.map((f) => f.channel).sort();

describe('chat vendor data', () => {
  it('loads at least 24 vendors, each with sources and at least one marker', () => {
    const vendors = loadChatVendors();
    expect(vendors.length).toBeGreaterThanOrEqual(24);
    for (const v of vendors) {
      const markers = v.scriptHosts.length + v.scriptPaths.length + v.scriptPatterns.length + v.globals.length + v.selectors.length + v.iframes.length;
      expect(markers, v.id).toBeGreaterThan(0);
      expect(v.sources.length, v.id).toBeGreaterThan(0);
    }
    const ids = vendors.map((v) => v.id);
    for (const id of ['iadvize', 'zendesk-messaging', 'zendesk-chat', 'salesforce-embedded-service', 'salesforce-miaw', 'genesys-messenger', 'genesys-widgets', 'liveperson', 'khoros-engage-digital', 'freshchat', 'intercom', 'crisp', 'tawk', 'livechat', 'drift', 'hubspot-chat', 'userlike', 'smartsupp', 'tidio', 'inbenta', 'dialogflow-messenger', 'botframework-webchat', 'watsonx-assistant', 'amazon-connect', 'zoho-salesiq', 'egain', 'botmind', 'tolk-ai']) {
      expect(ids).toContain(id);
    }
  });
});

describe('chat-widget', () => {
  it('iAdvize bot that hands over to an advisor → chatbot AND livechat, vendor iadvize', () => {
    const page = pageFromHtml(savedPage('chat-iadvize-home.html'), {
      requests: [
        { url: 'https://halc.iadvize.com/iadvize.js?sid=4721&lang=fr' },
        { url: 'https://static.iadvize.com/livechat/8.3/live.fr.js' },
      ],
      globals: ['iAdvize', 'idzCustomData'],
      widgets: [
        {
          vendor: 'iadvize',
          trigger: '#idz-launcher',
          text: "Bonjour, je suis Eva, l'assistante virtuelle d'Exemple Banque. Posez-moi votre question ! Carte bloquée Ouvrir un compte Je peux aussi vous mettre en relation avec un conseiller.",
          html: '<div class="idz-message">…</div>',
        },
      ],
    });
    const fs = chatWidget.detect(page);
    expect(channels(fs)).toEqual(['chatbot', 'livechat']);
    for (const f of fs) {
      expect(f.attributes.vendor).toBe('iadvize');
      expect(f.evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['vendor-request', 'vendor-script-src', 'vendor-global', 'widget-opened']));
    }
    expect(fs.find((f) => f.channel === 'chatbot')!.evidence.some((e) => e.signal === 'widget-text-chatbot-cue')).toBe(true);
  });

  it('iAdvize script only, no widget opened, no bot wording → under livechat, classifiedBy unknown (vendor kind both)', () => {
    const fs = chatWidget.detect(pageFromHtml(savedPage('chat-iadvize-home.html')));
    expect(channels(fs)).toEqual(['livechat']);
    expect(fs[0].attributes).toEqual({ vendor: 'iadvize', classifiedBy: 'unknown' });
    expect(fs[0].evidence.some((e) => e.signal === 'unclassified-chat')).toBe(true);
  });

  it('pure human chat: opened widget is a pre-chat form with "Votre nom", "Votre e-mail" → livechat only', () => {
    const fs = chatWidget.detect(
      pageFromHtml('<html><body><main><h1>Contact</h1></main><div id="idz_chatbox"><p>Discuter</p></div></body></html>', {
        widgets: [{ vendor: 'iadvize', trigger: '#idz_button', text: "Un de nos conseillers vous répond. Temps d'attente estimé : 2 min. Votre nom Votre e-mail Démarrer", html: '<form><input name="name"><input type="email"></form>' }],
      }),
    );
    expect(channels(fs)).toEqual(['livechat']);
    expect(fs[0].attributes.vendor).toBe('iadvize');
  });

  it('bot that sends to an advisor by phone stays a chatbot (not livechat)', () => {
    const fs = chatWidget.detect(
      pageFromHtml('<html><body><p>Accueil</p></body></html>', {
        requests: [{ url: 'https://sdk.inbenta.io/chatbot/1.84.0/inbenta-chatbot-sdk.js' }],
        widgets: [{ vendor: 'inbenta', text: "Je suis SoBot, votre assistant. Pour parler à un conseiller, appelez le 3933 du lundi au vendredi." }],
      }),
    );
    expect(channels(fs)).toEqual(['chatbot']);
    expect(fs[0].attributes.vendor).toBe('inbenta');
  });

  it('vendor named in a cookie policy, link to vendor site, preconnect, tag-manager snippet, "chat" in a blog, Trustpilot/Medallia → nothing', () => {
    const fs = chatWidget.detect(
      pageFromHtml(savedPage('chat-cookie-policy-decoy.html'), {
        url: 'https://www.exemple-assurances.fr/cookies',
        requests: [
          { url: 'https://widget.trustpilot.com/bootstrap/v5/tp.widget.bootstrap.min.js' },
          { url: 'https://nebula-cdn.kampyle.com/resources/onsite/js/kampyle.js' },
        ],
        frames: [
          { url: 'https://widget.trustpilot.com/trustboxes/53aa/index.html', title: 'Customer reviews powered by Trustpilot', html: '<body>Excellent 4,6 sur 5</body>' },
          { url: 'https://www.youtube-nocookie.com/embed/abc123', title: 'Chat : les bons réflexes', html: null },
        ],
        widgets: [{ vendor: null, trigger: 'Donnez votre avis', text: 'Donnez-nous votre avis sur cette page. Votre e-mail (facultatif) Envoyer', frameUrl: 'https://nebula-cdn.kampyle.com/form/123' }],
      }),
    );
    expect(fs).toEqual([]);
  });

  it('unknown in-house chatbot inside a shadow root: iframe titled "Chatbot Léa" + opened widget text → chatbot, vendor null', () => {
    const fs = chatWidget.detect(
      pageFromHtml(savedPage('chat-inhouse-shadow.html'), {
        url: 'https://www.exemple-energie.fr/aide-contact',
        widgets: [{ vendor: null, trigger: "Ouvrir l'assistant", text: "Bonjour ! Je suis Léa, l'assistante virtuelle d'Exemple Énergie. Comment puis-je vous aider ? Écrivez votre message…" }],
      }),
    );
    expect(channels(fs)).toEqual(['chatbot']);
    expect(fs[0].attributes.vendor).toBeNull();
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['chat-iframe', 'widget-opened']));
  });

  it('unknown chat iframe in a shadow root, widget not opened → classified from the page text ("assistant virtuel")', () => {
    const fs = chatWidget.detect(pageFromHtml(savedPage('chat-inhouse-shadow.html'), { url: 'https://www.exemple-energie.fr/aide-contact' }));
    expect(channels(fs)).toEqual(['chatbot']);
    expect(fs[0].attributes.vendor).toBeNull();
  });

  it('LiveChat (livechat vendor kind) from inline loader + iframe + cross-origin frame → livechat, vendor livechat', () => {
    const fs = chatWidget.detect(
      pageFromHtml(savedPage('chat-livechat-prechat.html'), {
        url: 'https://www.exemple-auto.fr/contact',
        frames: [{ url: 'https://secure.livechatinc.com/customer/action/open_chat?license_id=12345678', title: 'LiveChat chat widget', html: null }],
        globals: ['__lc', 'LiveChatWidget'],
      }),
    );
    expect(channels(fs)).toEqual(['livechat']);
    expect(fs[0].attributes.vendor).toBe('livechat');
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['vendor-global', 'vendor-iframe', 'vendor-frame']));
  });

  it('Salesforce MIAW recognised by its script URL shape and DOM button; page says "assistant virtuel" → chatbot', () => {
    const html = `<html><head><script src="https://exemple.my.site.com/ESWMessagingWeb1712345678/assets/js/bootstrap.min.js"></script>
      <script src="/js/vendor/bootstrap.min.js"></script></head>
      <body><main><p>Posez vos questions à notre assistant virtuel.</p></main>
      <div id="embedded-messaging"><button id="embeddedMessagingConversationButton" class="embeddedMessagingConversationButton" aria-label="Bonjour, comment pouvons-nous vous aider ?"></button></div></body></html>`;
    const fs = chatWidget.detect(pageFromHtml(html, { globals: ['embeddedservice_bootstrap'] }));
    expect(channels(fs)).toEqual(['chatbot']);
    expect(fs[0].attributes.vendor).toBe('salesforce-miaw');
  });

  it('a generic Bootstrap script is not Salesforce MIAW, a hidden leftover container alone is not a widget', () => {
    const html = `<html><head><script src="/assets/js/bootstrap.min.js"></script></head>
      <body><div id="idz_chatbox" data-ct-hidden="1"></div><div class="tag-chatbot"><a href="/blog/chatbot">Article : le chatbot</a></div></body></html>`;
    expect(chatWidget.detect(pageFromHtml(html))).toEqual([]);
  });

  it('Zendesk messaging via ze-snippet and frame title; opened widget Answer Bot + agent → both', () => {
    const html = `<html><body><script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js?key=abcd-1234"></script></body></html>`;
    const fs = chatWidget.detect(
      pageFromHtml(html, {
        frames: [{ url: 'about:blank', title: 'Button to launch messaging window', html: '<button>Aide</button>' }],
        widgets: [{ vendor: null, trigger: 'iframe#launcher', text: 'Exemple Bot : Bonjour ! Réponse automatique. Voulez-vous parler à un agent ?', frameUrl: null }],
      }),
    );
    expect(channels(fs)).toEqual(['chatbot', 'livechat']);
    expect(fs.every((f) => f.attributes.vendor === 'zendesk-messaging')).toBe(true);
  });

  const zendeskBlankFrames = {
    launcher: { url: 'about:blank', name: '', title: 'Bouton de lancement de la fenêtre de messagerie', html: '<html><body><button aria-label="Ouvrir la fenêtre de messagerie"></button></body></html>' },
    window: {
      url: 'about:blank',
      name: 'Fenêtre de messagerie',
      title: 'Fenêtre de messagerie',
      html: "<html><body><header><strong>Exemple</strong><br><small>Assistante virtuelle · répond instantanément</small></header><div>Bonjour ! Je suis Zoé, l'assistante virtuelle d'Exemple. Posez-moi votre question.</div><input placeholder=\"Saisissez un message\"></body></html>",
    },
  };

  it('Zendesk messaging window written into an about:blank frame: attributed by its <iframe> element → chatbot only', () => {
    const fs = chatWidget.detect(
      pageFromHtml(savedPage('chat-zendesk-messaging-blank-frame.html'), {
        globals: ['zE'],
        frames: [zendeskBlankFrames.launcher, zendeskBlankFrames.window],
        // as recorded by the crawler: the launcher was clicked but the text capture came back empty
        widgets: [{ vendor: 'zendesk-messaging', trigger: 'iframe#launcher', text: '' }],
      }),
    );
    expect(channels(fs)).toEqual(['chatbot']);
    expect(fs[0].attributes).toEqual({ vendor: 'zendesk-messaging', classifiedBy: 'widget-text' });
    expect(fs[0].evidence.map((e) => e.signal)).toContain('container-text-chatbot-cue');
  });

  it('site level: a page where the widget was not opened takes the kind read on another page, not the default', () => {
    const home = chatWidget.detect(
      pageFromHtml(savedPage('chat-zendesk-messaging-blank-frame.html'), {
        globals: ['zE'],
        frames: [zendeskBlankFrames.launcher, zendeskBlankFrames.window],
      }),
    );
    const unopenedHtml = savedPage('chat-zendesk-messaging-blank-frame.html').replace(/<iframe id="webWidget"[^>]*><\/iframe>/, '');
    const other = chatWidget.detect(pageFromHtml(unopenedHtml, { url: 'https://aide.exemple-banque.fr/', globals: ['zE'], frames: [zendeskBlankFrames.launcher] }));
    expect(channels(other)).toEqual(['livechat']); // the page alone: "both" vendor, kind unknown
    expect(other[0].attributes.classifiedBy).toBe('unknown');
    const out = reconcileChatFindings([
      { finalUrl: 'https://www.exemple-banque.fr/', findings: home },
      { finalUrl: 'https://aide.exemple-banque.fr/', findings: other },
    ]);
    expect(channels(out[0].findings)).toEqual(['chatbot']);
    expect(channels(out[1].findings)).toEqual(['chatbot']);
    expect(out[1].findings[0].attributes).toEqual({ vendor: 'zendesk-messaging', classifiedBy: 'widget-text' });
    expect(out[1].findings[0].evidence.at(-1)).toMatchObject({ signal: 'widget-read-elsewhere', url: 'https://aide.exemple-banque.fr/' });
    // nothing read anywhere: the guesses stand
    expect(reconcileChatFindings([{ findings: other }])[0].findings).toBe(other);
  });

  it('Dialogflow Messenger in nested open shadow roots (injected after consent) → chatbot, vendor dialogflow-messenger', () => {
    const fs = chatWidget.detect(pageFromHtml(savedPage('chat-dialogflow-shadow.html'), { requests: [{ url: 'https://www.gstatic.com/dialogflow-console/fast/messenger/bootstrap.js?v=1' }] }));
    expect(channels(fs)).toEqual(['chatbot']);
    expect(fs[0].attributes).toEqual({ vendor: 'dialogflow-messenger', classifiedBy: 'widget-text' });
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['vendor-dom', 'container-text-chatbot-cue']));
  });

  it('never throws on empty or malformed input', () => {
    expect(chatWidget.detect(pageFromHtml(''))).toEqual([]);
    expect(() => chatWidget.detect(pageFromHtml('<div><iframe title=<<<script src="x'))).not.toThrow();
  });

  describe('issue 11: consent-blocked scripts, non-chat frames, classification, call-back panels', () => {
    const page = (body: string) => `<html><body><main><h1>Contact</h1>${body}</main></body></html>`;
    it('Klaro-blocked Crisp loader (type="text/plain" data-type data-name): refusal pass → nothing; accept pass (request, global) → crisp', () => {
      const tag = '<script type="text/plain" data-type="application/javascript" data-name="crisp" data-src="https://client.crisp.chat/l.js"></script>';
      expect(chatWidget.detect(pageFromHtml(page(tag)))).toEqual([]);
      const fs = chatWidget.detect(pageFromHtml(page(tag), { requests: [{ url: 'https://client.crisp.chat/l.js' }], globals: ['$crisp'] }));
      expect(fs.map((f) => [f.channel, f.attributes.vendor, f.attributes.classifiedBy])).toEqual([['livechat', 'crisp', 'unknown']]);
      expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['vendor-request', 'vendor-global', 'vendor-script-blocked']));
    });
    it('CookieConsent data-category and Didomi-typed script tags are not widgets; text/javascript and module are', () => {
      expect(chatWidget.detect(pageFromHtml(page('<script type="text/plain" data-category="support" src="https://embed.tawk.to/abc/default"></script>')))).toEqual([]);
      expect(chatWidget.detect(pageFromHtml(page('<script type="didomi/javascript" data-vendor="c:tawk" src="https://embed.tawk.to/abc/default"></script>')))).toEqual([]);
      expect(chatWidget.detect(pageFromHtml(page('<script type="text/x-template" src="https://embed.tawk.to/abc/default"></script>')))).toEqual([]);
      expect(chatWidget.detect(pageFromHtml(page('<script type="text/javascript" src="https://embed.tawk.to/abc/default"></script>'))).map((f) => f.attributes.vendor)).toEqual(['tawk']);
      expect(chatWidget.detect(pageFromHtml(page('<script type="module" src="https://embed.tawk.to/abc/default"></script>'))).map((f) => f.attributes.vendor)).toEqual(['tawk']);
    });
    it('a YouTube video or a Google map whose title names a chat vendor is not a chat', () => {
      expect(chatWidget.detect(pageFromHtml(page('<iframe src="https://www.youtube-nocookie.com/embed/xyz" title="Intercom live chat : la démo"></iframe>')))).toEqual([]);
      expect(chatWidget.detect(pageFromHtml(page('<iframe src="https://www.google.com/maps/embed?pb=1" title="Webchat Café, 12 rue du Port"></iframe>')))).toEqual([]);
      expect(chatWidget.detect(pageFromHtml(page('<iframe src="https://player.vimeo.com/video/1" title="Chatbot : notre assistant virtuel en vidéo"></iframe>')))).toEqual([]);
    });
    it('classifiedBy says how bot vs human was decided: vendor-product, page-wording', () => {
      const tawk = chatWidget.detect(pageFromHtml(page(''), { requests: [{ url: 'https://embed.tawk.to/abc/default' }] }));
      expect(tawk.map((f) => [f.channel, f.attributes.classifiedBy])).toEqual([['livechat', 'vendor-product']]);
      const crisp = chatWidget.detect(pageFromHtml(page('<p>Une question ? Notre assistant virtuel vous répond 24h/24.</p>'), { requests: [{ url: 'https://client.crisp.chat/l.js' }] }));
      expect(crisp.map((f) => [f.channel, f.attributes.classifiedBy])).toEqual([['chatbot', 'page-wording']]);
    });
    it('a call-back or appointment panel opened by "Besoin d\'aide ?" is not a chat; a panel with a chat composer is', () => {
      const callback = chatWidget.detect(
        pageFromHtml(page('<button class="help-fab">Besoin d\'aide ?</button>'), {
          widgets: [{ vendor: null, trigger: 'generic floating chat button', text: "Besoin d'aide ? Un conseiller vous rappelle gratuitement. Votre numéro de téléphone Choisissez un créneau Être rappelé", html: '<form><input type="tel"></form>' }],
        }),
      );
      expect(callback).toEqual([]);
      const rdv = chatWidget.detect(
        pageFromHtml(page(''), { widgets: [{ vendor: null, trigger: 'generic floating chat button', text: 'Prendre rendez-vous avec un conseiller en agence. Choisissez votre agence puis un créneau.', html: null }] }),
      );
      expect(rdv).toEqual([]);
      const chat = chatWidget.detect(
        pageFromHtml(page(''), { widgets: [{ vendor: null, trigger: 'generic floating chat button', text: "Un conseiller vous répond. Écrivez votre message… Vous pouvez aussi être rappelé.", html: null }] }),
      );
      expect(chat.map((f) => [f.channel, f.attributes.vendor, f.attributes.classifiedBy])).toEqual([['livechat', null, 'widget-text']]);
    });
  });
});
