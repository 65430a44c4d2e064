import { describe, expect, it } from 'vitest';
import { profileNetwork, socialAccountDetector } from '../../detectors/social-account.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

const detect = (html: string, opts = {}) => socialAccountDetector.detect(pageFromHtml(html, opts));
const networksOf = (html: string, opts = {}): string[] => detect(html, opts)[0]?.attributes.networks ?? [];

describe('social-account detector', () => {
  it('is a social detector', () => {
    expect(socialAccountDetector.id).toBe('social-account');
    expect(socialAccountDetector.channels).toEqual(['social']);
  });

  it('finds the footer accounts of a retail page, in the contract order', () => {
    const findings = detect(savedPage('retail-home-footer.html'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.attributes).toEqual({ networks: ['facebook', 'x', 'instagram', 'linkedin', 'youtube', 'tiktok', 'pinterest'] });
    expect(findings[0]!.evidence[0]).toEqual({
      url: 'https://www.exemple-banque.fr/',
      source: 'dom',
      signal: 'facebook-profile-link',
      detail: 'https://www.facebook.com/EnseigneExemple',
      selector: 'a[href="https://www.facebook.com/EnseigneExemple"]',
    });
    // the Pinterest link is only in a hidden mobile menu: counted, and said so
    expect(findings[0]!.evidence[6]!.detail).toBe('https://www.pinterest.fr/enseigneexemple/ (hidden)');
  });

  it('ignores share buttons, home/legal pages, posts, videos and personal profiles', () => {
    const decoys = [
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.fr',
      'https://www.facebook.com/sharer.php?u=https%3A%2F%2Fa.fr',
      'https://www.facebook.com/',
      'https://www.facebook.com/privacy/policy/',
      'https://www.facebook.com/groups/123456/',
      'https://www.facebook.com/EnseigneExemple/posts/1234567890',
      'https://twitter.com/intent/tweet?text=x',
      'https://twitter.com/share?url=https%3A%2F%2Fa.fr',
      'https://x.com/EnseigneEx/status/1234567890',
      'https://twitter.com/',
      'https://www.instagram.com/p/C1a2b3c4d5e/',
      'https://www.instagram.com/',
      'https://www.linkedin.com/shareArticle?mini=true&url=x',
      'https://www.linkedin.com/sharing/share-offsite/?url=x',
      'https://www.linkedin.com/in/jean-dupont/',
      'https://www.linkedin.com/',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://www.youtube.com/',
      'https://www.tiktok.com/@someone/video/123',
      'https://www.tiktok.com/',
      'https://www.pinterest.com/pin/create/button/?url=x',
      'https://www.pinterest.fr/pin/123456/',
      'https://www.pinterest.fr/',
    ];
    for (const href of decoys) expect(profileNetwork(new URL(href)), href).toBeNull();
    expect(detect(decoys.map((h) => `<a href="${h}">x</a>`).join(''))).toEqual([]);
  });

  it('accepts the profile URL shapes of each network', () => {
    const cases: [string, string][] = [
      ['https://fr-fr.facebook.com/BanqueExemple/', 'facebook'],
      ['https://m.facebook.com/profile.php?id=100064', 'facebook'],
      ['https://www.facebook.com/pages/Banque-Exemple/123456789', 'facebook'],
      ['https://twitter.com/BanqueEx?ref_src=twsrc', 'x'],
      ['https://www.instagram.com/banque_exemple', 'instagram'],
      ['https://www.linkedin.com/showcase/banque-exemple-pro/', 'linkedin'],
      ['https://www.youtube.com/channel/UC1234567890', 'youtube'],
      ['https://www.youtube.com/c/BanqueExemple', 'youtube'],
      ['https://www.youtube.com/user/banqueexemple', 'youtube'],
      ['https://www.youtube.com/BanqueExemple', 'youtube'],
      ['https://www.tiktok.com/@banque.exemple', 'tiktok'],
      ['https://fr.pinterest.com/banqueexemple/idees-deco/', 'pinterest'],
    ];
    for (const [href, network] of cases) expect(profileNetwork(new URL(href)), href).toBe(network);
  });

  it('accepts older and longer URL forms of accounts (issue 11), keeps their share and intent forms out', () => {
    const accounts: [string, string][] = [
      ['https://twitter.com/#!/BanqueEx', 'x'],
      ['http://twitter.com/#!/banque_ex/', 'x'],
      ['https://www.facebook.com/#!/pages/Banque-Exemple/123456789', 'facebook'],
      ['https://www.facebook.com/pages/Banque-Exemple/123456789012345', 'facebook'],
      ['https://www.facebook.com/pages/Banque-Exemple-Service-Client/123456789012345?sk=wall', 'facebook'],
      ['https://fr-fr.facebook.com/pages/category/Bank/Banque-Exemple-123/', 'facebook'],
      ['https://www.linkedin.com/company/banque-exemple', 'linkedin'],
      ['https://fr.linkedin.com/company/banque-exemple/about/', 'linkedin'],
      ['https://www.linkedin.com/company/123456?trk=tyah', 'linkedin'],
      ['https://www.linkedin.com/company-beta/123456/', 'linkedin'],
      ['https://www.youtube.com/user/banqueexemple?sub_confirmation=1', 'youtube'],
      ['https://www.youtube.com/user/BanqueExemple/videos', 'youtube'],
    ];
    for (const [href, network] of accounts) expect(profileNetwork(new URL(href)), href).toBe(network);
    const decoys = [
      'https://twitter.com/#!/search?q=banque',
      'https://twitter.com/#!/intent/tweet?text=x',
      'https://twitter.com/#!/BanqueEx/status/1234567890',
      'https://twitter.com/intent/follow?screen_name=BanqueEx',
      'https://www.facebook.com/#!/sharer.php?u=https%3A%2F%2Fa.fr',
      'https://www.facebook.com/dialog/share?app_id=1&href=https%3A%2F%2Fa.fr',
      'https://www.facebook.com/pages/create/',
      'https://www.facebook.com/pages/category/Bank/',
      'https://www.linkedin.com/cws/share?url=https%3A%2F%2Fa.fr',
      'https://www.linkedin.com/groups/1234',
      'https://www.youtube.com/user/',
    ];
    for (const href of decoys) expect(profileNetwork(new URL(href)), href).toBeNull();
    const footer = accounts.map(([h]) => `<a href="${h}">x</a>`).join('') + decoys.map((h) => `<a href="${h}">Partager</a>`).join('');
    expect(networksOf(`<footer>${footer}</footer>`)).toEqual(['facebook', 'x', 'linkedin', 'youtube']);
    expect(networksOf(`<footer>${decoys.map((h) => `<a href="${h}">Partager</a>`).join('')}</footer>`)).toEqual([]);
  });

  it('reads the page named in a Facebook page-plugin frame', () => {
    const src = 'https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2FBanqueExemple&tabs=timeline';
    expect(networksOf(`<iframe src="${src}"></iframe>`)).toEqual(['facebook']);
  });

  it('does not throw on empty or malformed HTML', () => {
    expect(detect('')).toEqual([]);
    expect(detect('<a href="https://[::1">x</a><a href="http://%%">y</a><a href="javascript:void(0)">z</a>')).toEqual([]);
  });
});
