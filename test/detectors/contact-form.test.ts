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

describe('contact-form: DSFR radios, address autocomplete, subject pickers (issue 11)', () => {
  const detect = (html: string) => contactForm.detect(pageFromHtml(html, { url: 'https://www.service-public.example.fr/contact' }));
  // DSFR 1.14 markup: the input is visually hidden (the crawler marks it data-ct-hidden="1"), the label is drawn
  const dsfrRadio = (id: string, label: string) =>
    `<div class="fr-fieldset__element"><div class="fr-radio-group"><input type="radio" id="${id}" name="objet" data-ct-hidden="1"><label class="fr-label" for="${id}">${label}</label></div></div>`;
  const dsfrForm = (legend: string) => `<form action="/contact/envoyer">
      <fieldset class="fr-fieldset"><legend class="fr-fieldset__legend">${legend}</legend>
        ${dsfrRadio('o1', 'Suivi de mon dossier')}${dsfrRadio('o2', 'Paiement de mes prestations')}${dsfrRadio('o3', 'Changement de situation')}
      </fieldset>
      <div class="fr-input-group"><label class="fr-label" for="nom">Nom</label><input class="fr-input" id="nom" name="nom"></div>
      <div class="fr-input-group"><label class="fr-label" for="mail">Adresse électronique</label><input class="fr-input" type="email" id="mail" name="mail"></div>
      <div class="fr-input-group"><label class="fr-label" for="msg">Votre message</label><textarea class="fr-input" id="msg" name="msg"></textarea></div>
      <div class="fr-checkbox-group"><input type="checkbox" id="cgu" name="cgu" data-ct-hidden="1"><label class="fr-label" for="cgu">J'accepte que mes données soient traitées</label></div>
      <button class="fr-btn" type="submit">Envoyer</button></form>`;

  it('counts DSFR radios and checkboxes whose input is visually hidden and whose label is drawn', () => {
    const fs = detect(`<main><h1>Nous contacter</h1>${dsfrForm('Objet de votre demande')}</main>`);
    expect(fs).toHaveLength(1);
    // 3 radios + nom + mail + textarea + checkbox
    expect(fs[0]!.attributes).toEqual({ fields: 7, subjectMenu: true, upload: false, captcha: false, statedDelay: false });
  });

  it('a radio group of topics before the message is a subject menu even with a generic legend', () => {
    const fs = detect(`<main><h1>Nous contacter</h1>${dsfrForm('Votre demande')}</main>`);
    expect(fs[0]!.attributes.subjectMenu).toBe(true);
  });

  it('hidden inputs whose group is hidden, or whose label is hidden too, still do not count', () => {
    const html = `<form><div data-ct-hidden="1"><input type="radio" id="x1" name="x"><label for="x1">Option un</label></div>
      <input type="checkbox" id="x2" data-ct-hidden="1"><label for="x2" data-ct-hidden="1">Caché</label>
      <input name="nom"><input type="email" name="mail"><textarea name="message"></textarea><button>Envoyer</button></form>`;
    expect(detect(html)[0]!.attributes.fields).toBe(3);
  });

  it('an address autocomplete (type=search, role=combobox) inside the form does not disqualify it', () => {
    for (const lookup of [
      '<label for="adr">Adresse</label><input type="search" id="adr" name="adresse" autocomplete="off">',
      '<label for="adr">Votre adresse postale</label><input type="text" role="combobox" aria-autocomplete="list" id="adr">',
      '<input type="search" placeholder="Saisissez votre code postal ou ville" name="cp">',
    ]) {
      const html = `<form><input name="nom" aria-label="Nom"><input type="email" name="mail">${lookup}<textarea name="message"></textarea><button type="submit">Envoyer</button></form>`;
      const fs = detect(html);
      expect(fs, lookup).toHaveLength(1);
      expect(fs[0]!.attributes.fields).toBe(4);
    }
    // a site search box is still not a contact form
    expect(detect('<form><input type="search" name="q" placeholder="Rechercher"><textarea name="message"></textarea><button>OK</button></form>')).toEqual([]);
  });

  it('subject pickers: a select of topics without a subject label, a list of topic buttons before the message', () => {
    const select = `<form><label for="d">Votre demande</label><select id="d"><option>-- Choisissez --</option><option>Facturation et paiement</option><option>Résiliation</option><option>Déménagement</option></select>
      <input type="email" name="mail"><textarea name="message"></textarea><button type="submit">Envoyer</button></form>`;
    expect(detect(select)[0]!.attributes).toMatchObject({ fields: 3, subjectMenu: true });
    const buttons = `<div class="contact"><p>Quelle est votre demande ?</p><div class="topics"><button type="button" aria-pressed="false">Ma facture</button><button type="button" aria-pressed="false">Mon contrat</button>
      <button type="button" aria-pressed="false">Un déménagement</button><button type="button" aria-pressed="false">Une réclamation</button></div>
      <input type="email" aria-label="E-mail"><textarea aria-label="Message"></textarea><button type="button">Envoyer</button></div>`;
    expect(detect(buttons)[0]!.attributes).toMatchObject({ fields: 2, subjectMenu: true });
  });

  it('not subject pickers: civility, country, "vous êtes", yes/no radios, buttons after the message', () => {
    const html = `<form><label for="c">Civilité</label><select id="c"><option>Madame</option><option>Monsieur</option><option>Non précisé</option></select>
      <label for="p">Pays</label><select id="p"><option>France métropolitaine</option><option>Belgique</option><option>Suisse romande</option></select>
      <fieldset><legend>Vous êtes</legend><input type="radio" name="t" id="t1"><label for="t1">Particulier</label><input type="radio" name="t" id="t2"><label for="t2">Professionnel</label><input type="radio" name="t" id="t3"><label for="t3">Association</label></fieldset>
      <fieldset><legend>Êtes-vous client ?</legend><input type="radio" name="y" id="y1"><label for="y1">Oui</label><input type="radio" name="y" id="y2"><label for="y2">Non</label></fieldset>
      <input type="email" name="mail"><textarea name="message"></textarea>
      <button type="button">Joindre un fichier</button><button type="button">Ajouter un contact</button><button type="button">Prévisualiser</button><button type="submit">Envoyer</button></form>`;
    expect(detect(html)[0]!.attributes).toMatchObject({ fields: 9, subjectMenu: false });
  });
});
