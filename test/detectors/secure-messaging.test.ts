import { describe, expect, it } from 'vitest';
import { secureMessaging } from '../../detectors/secure-messaging.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

describe('secure-messaging', () => {
  it('bank contact page: "messagerie sécurisée de votre espace client" → present, loginGated', () => {
    const fs = secureMessaging.detect(pageFromHtml(savedPage('secure-messaging-bank-contact.html'), { url: 'https://www.exemple-banque.fr/contact' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].channel).toBe('secure_messaging');
    expect(fs[0].attributes).toEqual({ loginGated: true });
    expect(fs[0].evidence[0].signal).toBe('secure-messaging-cue');
  });

  it('login wall of the customer area announcing the messaging → loginGated with login-wall evidence', () => {
    const html = `<html><head><title>Connexion à votre espace client</title></head><body><main><h1>Espace client</h1>
      <p>Consultez vos contrats et échangez avec nous par messagerie sécurisée.</p>
      <form><input name="login"><input type="password" name="pwd"><button>Se connecter</button></form></main></body></html>`;
    const fs = secureMessaging.detect(pageFromHtml(html, { url: 'https://client.exemple-assurances.fr/login' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes.loginGated).toBe(true);
    expect(fs[0].evidence.map((e) => e.signal)).toContain('login-wall');
  });

  it('"Mes messages" in a customer-area menu counts; "messagerie instantanée", voicemail, webmail and e-mail do not', () => {
    const menu = `<html><body><nav><a href="/espace-client/mes-messages">Mes messages</a></nav><h1>Mon espace client</h1></body></html>`;
    expect(secureMessaging.detect(pageFromHtml(menu, { url: 'https://www.exemple-mutuelle.fr/espace-client' }))).toHaveLength(1);
    const decoy = `<html><body><main><h1>Nos services</h1><p>Contactez-nous par messagerie instantanée sur WhatsApp, consultez votre messagerie vocale au 888,
      ou écrivez-nous par e-mail à contact@exemple.fr.</p><a href="https://webmail.exemple.fr">Messagerie</a><a href="/blog">Mes messages préférés</a></main></body></html>`;
    expect(secureMessaging.detect(pageFromHtml(decoy))).toEqual([]);
  });

  it('never throws on empty or malformed input', () => {
    expect(secureMessaging.detect(pageFromHtml(''))).toEqual([]);
    expect(() => secureMessaging.detect(pageFromHtml('<a>messagerie sécurisée<input type=password'))).not.toThrow();
  });

  describe('real-web phrasings (issue 11)', () => {
    const detect = (html: string) => secureMessaging.detect(pageFromHtml(html, { url: 'https://www.exemple-caisse.fr/contact' }));
    it.each([
      ['<p>Posez votre question via la messagerie de votre compte.</p>', 'messagerie de votre espace: posez votre question via la messagerie de votre compte'],
      ['<p>Utilisez la messagerie de votre compte Ameli.</p>', 'messagerie de votre espace: utilisez la messagerie de votre compte ameli'],
      ['<p>Retrouvez la messagerie de votre espace MSA.</p>', 'messagerie de votre espace: retrouvez la messagerie de votre espace msa'],
      ['<p>Écrivez-nous depuis votre espace client.</p>', 'écrivez-nous depuis votre espace: ecrivez-nous depuis votre espace client'],
      ['<p>Vous pouvez nous écrire depuis votre Espace Personnel, rubrique Contact.</p>', 'écrivez-nous depuis votre espace: vous pouvez nous ecrire depuis votre espace personnel, rubrique contact'],
      ['<p>Écrivez-nous à partir de votre compte en ligne.</p>', 'écrivez-nous depuis votre espace: ecrivez-nous a partir de votre compte en ligne'],
    ])('%s → present, login-gated', (html, detail) => {
      const fs = detect(html);
      expect(fs).toHaveLength(1);
      expect(fs[0]!.attributes).toEqual({ loginGated: true });
      expect(fs[0]!.evidence.map((e) => e.detail)).toEqual([detail]);
    });

    it.each([
      '<p>Nous ne vous demanderons jamais vos codes par e-mail, SMS ou par messagerie sécurisée.</p>',
      '<p>Attention : Exemple Banque ne vous demandera jamais vos codes confidentiels, que ce soit par téléphone, par courriel ou via la messagerie sécurisée de votre espace client.</p>',
      '<p>Hameçonnage : méfiez-vous des faux messages imitant notre messagerie sécurisée.</p>',
      '<p>Un faux conseiller peut prétendre vous écrire depuis votre espace client : ne validez aucune opération.</p>',
    ])('a security warning is not presence: %s', (html) => {
      expect(detect(html)).toEqual([]);
    });

    it('a warning does not hide an offer made in another sentence', () => {
      const html =
        '<p>Contactez votre conseiller par messagerie sécurisée.</p><p>Attention à la fraude : nous ne vous demanderons jamais vos codes par messagerie sécurisée.</p>';
      const fs = detect(html);
      expect(fs).toHaveLength(1);
      expect(fs[0]!.attributes).toEqual({ loginGated: false });
      expect(fs[0]!.evidence.map((e) => e.detail)).toEqual(['messagerie sécurisée: contactez votre conseiller par messagerie securisee']);
    });
  });
});
