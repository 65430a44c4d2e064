import { describe, expect, it } from 'vitest';
import { emailAddressDetector } from '../../detectors/email-address.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

const detect = (html: string, opts = {}) => emailAddressDetector.detect(pageFromHtml(html, opts));
const addressesOf = (html: string, opts = {}): string[] => detect(html, opts)[0]?.attributes.addresses ?? [];

describe('email-address detector', () => {
  it('is an email detector', () => {
    expect(emailAddressDetector.id).toBe('email-address');
    expect(emailAddressDetector.channels).toEqual(['email']);
  });

  it('keeps the customer-contact addresses of a retail page and nothing else', () => {
    const findings = detect(savedPage('retail-home-footer.html'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.channel).toBe('email');
    expect(findings[0]!.attributes).toEqual({ addresses: ['service.client@enseigne-exemple.fr', 'pro@enseigne-exemple.fr'] });
    expect(findings[0]!.evidence).toEqual([
      {
        url: 'https://www.exemple-banque.fr/',
        source: 'dom',
        signal: 'mailto-link',
        detail: 'mailto:Service.Client@Enseigne-Exemple.fr?subject=Question',
        selector: 'a[href="mailto:Service.Client@Enseigne-Exemple.fr?subject=Question"]',
      },
      { url: 'https://www.exemple-banque.fr/', source: 'text', signal: 'email-text-obfuscated', detail: 'pro [at] enseigne-exemple (point) fr' },
    ]);
  });

  it('excludes privacy, press, recruitment, investor, noreply, mediator and placeholder addresses', () => {
    const decoys = [
      '<p>Délégué à la protection des données : <a href="mailto:dpo@banque.fr">dpo@banque.fr</a></p>',
      '<p>rgpd@banque.fr</p>',
      '<p>Contact : donneespersonnelles@banque.fr</p>',
      '<p>privacy@banque.fr</p>',
      '<p>Pour exercer vos droits : droits@banque.fr</p>',
      '<p>Saisir la CNIL : plaintes@cnil.fr</p>',
      '<p>Contact presse : presse@banque.fr, press@banque.fr, media@banque.fr</p>',
      '<p>Candidatures : recrutement@banque.fr, jobs@banque.fr, rh@banque.fr</p>',
      '<p>Relations investisseurs : investor.relations@banque.fr</p>',
      '<p>noreply@banque.fr, ne-pas-repondre@banque.fr</p>',
      '<p>Format attendu : exemple@banque.fr ou nom@domaine.fr ou prenom.nom@votredomaine.com</p>',
      '<p><input type="email" placeholder="votre.email@exemple.fr"></p>',
      '<p><img src="/img/logo@2x.png" alt=""> logo@2x.png icon@3x.webp</p>',
      '<p>Médiateur : mediateur@mediation-conso.fr</p>',
      '<script>var s = "support@banque.fr";</script>',
      '<p data-ct-hidden="1">cache@banque.fr</p>',
    ];
    for (const html of decoys) expect(detect(html), html).toEqual([]);
  });

  it('press, recruitment and investor addresses are not customer contact, by local part or by the text before them (issue 11)', () => {
    const html = `<footer>
      <p>Service client : <a href="mailto:service.client@banque.fr">service.client@banque.fr</a></p>
      <p>Espace presse — contact journalistes : <a href="mailto:communication@banque.fr">communication@banque.fr</a></p>
      <p>Rejoignez-nous ! Envoyez votre candidature à talents-banque@banque.fr</p>
      <p>Relations investisseurs et actionnaires : <a href="mailto:finance@banque.fr">finance@banque.fr</a></p>
      <p>relations-presse@banque.fr, service-recrutement@banque.fr, ir@banque.fr, actionnariat@banque.fr</p>
      <p>Signaler un abus : abuse@banque.fr, security@banque.fr, postmaster@banque.fr</p>
      <p>Réclamations : reclamations@banque.fr — Site : webmaster@banque.fr</p>
    </footer>`;
    expect(addressesOf(html)).toEqual(['service.client@banque.fr', 'reclamations@banque.fr', 'webmaster@banque.fr']);
  });

  it('reads text addresses, lower-cases and deduplicates them', () => {
    expect(
      addressesOf('<p>Écrivez-nous : Relation.Client@Banque.fr.</p><p><a href="mailto:relation.client@banque.fr">relation.client@banque.fr</a></p>'),
    ).toEqual(['relation.client@banque.fr']);
  });

  it('reads several addresses of a mailto link and hidden mailto links', () => {
    expect(addressesOf('<a href="mailto:contact@a.fr,sav@a.fr?subject=x">Nous écrire</a>')).toEqual(['contact@a.fr', 'sav@a.fr']);
    expect(addressesOf('<div data-ct-hidden="1"><a href="mailto:aide@a.fr">Écrire</a></div>')).toEqual(['aide@a.fr']);
  });

  it('reads addresses in visible frames', () => {
    expect(
      addressesOf('<iframe src="https://aide.a.fr/"></iframe>', { frames: [{ url: 'https://aide.a.fr/', html: '<p>support@a.fr</p>', visible: true }] }),
    ).toEqual(['support@a.fr']);
  });

  it('does not throw on empty or malformed HTML', () => {
    expect(detect('')).toEqual([]);
    expect(detect('<a href="mailto:%E0%A4%A">x</a><p>@@ a@ @b.fr <<</p>')).toEqual([]);
  });
});
