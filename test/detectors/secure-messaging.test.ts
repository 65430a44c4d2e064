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
});
