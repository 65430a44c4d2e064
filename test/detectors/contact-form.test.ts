import { describe, expect, it } from 'vitest';
import { contactForm } from '../../detectors/contact-form.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

describe('contact-form', () => {
  it('insurer contact form: exact field count, subject menu, upload, captcha, stated delay; header search, login and newsletter ignored', () => {
    const fs = contactForm.detect(pageFromHtml(savedPage('contact-form-insurer.html'), { url: 'https://www.exemple-assurances.fr/contact' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].channel).toBe('form');
    // select + 2 radios + nom + email + contrat + textarea + checkbox = 8 (hidden csrf, hidden file input, submit excluded)
    expect(fs[0].attributes).toEqual({ fields: 8, subjectMenu: true, upload: true, captcha: true, statedDelay: true });
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['message-form', 'captcha', 'upload', 'stated-delay']));
  });

  it('search, login, simulator, store locator, FAQ feedback, hidden form, cookie settings, chat composer and newsletter → nothing', () => {
    expect(contactForm.detect(pageFromHtml(savedPage('contact-form-decoys.html')))).toEqual([]);
  });

  it('React form without <form>: inputs + textarea + button in a div', () => {
    const html = `<html><body><main><h1>Contactez-nous</h1><div class="ContactForm_root__x1">
      <div><label for="e">Adresse e-mail</label><input id="e" type="email"></div>
      <div><span>Sujet de votre demande</span><div role="combobox" aria-haspopup="listbox">Choisir un sujet</div></div>
      <div><label for="m">Message</label><textarea id="m"></textarea></div>
      <div><button type="button">Envoyer ma demande</button></div></div>
      <p>Nous vous répondrons sous 48h.</p></main></body></html>`;
    const fs = contactForm.detect(pageFromHtml(html));
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes).toEqual({ fields: 2, subjectMenu: true, upload: false, captcha: false, statedDelay: true });
  });

  it('form inside a frame counts; "livraison sous 48h" is not a reply delay', () => {
    const frame = `<html><body><form action="https://forms.exemple.fr/submit"><input name="prenom"><input name="nom"><input type="email" name="mail">
      <input type="tel" name="tel"><textarea name="demande"></textarea><div class="frc-captcha" data-sitekey="FC1"></div><input type="submit" value="Valider"></form></body></html>`;
    const fs = contactForm.detect(
      pageFromHtml('<html><body><h1>Contact</h1><p>Livraison sous 48h.</p><iframe src="https://forms.exemple.fr/contact"></iframe></body></html>', {
        frames: [{ url: 'https://forms.exemple.fr/contact', html: frame, visible: true }],
      }),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0].attributes).toEqual({ fields: 5, subjectMenu: false, upload: false, captcha: true, statedDelay: false });
    expect(fs[0].evidence[0].source).toBe('frame');
  });

  it('never throws on empty or malformed input', () => {
    expect(contactForm.detect(pageFromHtml(''))).toEqual([]);
    expect(() => contactForm.detect(pageFromHtml('<form><textarea><input id="a"b"><label for=></form'))).not.toThrow();
  });
});
