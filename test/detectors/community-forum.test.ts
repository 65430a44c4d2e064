import { describe, expect, it } from 'vitest';
import { communityForum } from '../../detectors/community-forum.ts';
import { pageFromHtml, savedPage } from '../helpers/page.ts';

describe('community-forum', () => {
  it('Khoros community page of the actor → forum (platform markers)', () => {
    const fs = communityForum.detect(
      pageFromHtml(savedPage('community-forum-khoros.html'), {
        url: 'https://communaute.exemple-telecom.fr/t5/Box-et-Internet/bd-p/box',
        site: { domain: 'exemple-telecom.fr', actorName: 'Exemple Telecom' },
      }),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0].channel).toBe('forum');
    expect(fs[0].evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['khoros-url', 'khoros-inline']));
  });

  it('home page: a footer link to communaute.<actor domain> counts; investor community, social block, other site forum and "Forum de l\'emploi" do not', () => {
    const fs = communityForum.detect(pageFromHtml(savedPage('community-forum-home-link.html'), { url: 'https://www.exemple-auto.fr/' }));
    expect(fs).toHaveLength(1);
    expect(fs[0].evidence).toHaveLength(1);
    expect(fs[0].evidence[0].signal).toBe('community-host-link');
    expect(fs[0].evidence[0].detail).toContain('communaute.exemple-auto.fr');
  });

  it('the same page without the footer link → nothing', () => {
    const html = savedPage('community-forum-home-link.html').replace(/<li><a href="https:\/\/communaute[^<]*<\/a><\/li>/, '');
    expect(communityForum.detect(pageFromHtml(html, { url: 'https://www.exemple-auto.fr/' }))).toEqual([]);
  });

  it('a forum page of another site is not the actor\'s forum', () => {
    const html = `<html><head><meta name="generator" content="Discourse 3.2"></head><body><h1>Forum</h1><p>12 réponses</p></body></html>`;
    expect(communityForum.detect(pageFromHtml(html, { url: 'https://forum.autre-site-auto.fr/t/vidange/42', site: { domain: 'exemple-auto.fr', actorName: 'Exemple Auto' } }))).toEqual([]);
  });

  it('/communaute path with forum content on the actor domain → forum; a /communaute ambassadors page → nothing', () => {
    const forum = `<html><head><title>Entraide – Exemple Énergie</title></head><body><main><h1>Communauté</h1><p>Posez votre question à la communauté</p><p>245 membres en ligne</p></main></body></html>`;
    expect(communityForum.detect(pageFromHtml(forum, { url: 'https://www.exemple-energie.fr/communaute' }))).toHaveLength(1);
    const ambassadors = `<html><head><title>Nos ambassadeurs – Exemple Énergie</title></head><body><main><h1>La communauté de nos ambassadeurs</h1><p>Discussions et événements réservés à nos ambassadeurs, 120 membres.</p></main></body></html>`;
    expect(communityForum.detect(pageFromHtml(ambassadors, { url: 'https://www.exemple-energie.fr/communaute' }))).toEqual([]);
  });

  it('never throws on empty or malformed input', () => {
    expect(communityForum.detect(pageFromHtml(''))).toEqual([]);
    expect(() => communityForum.detect(pageFromHtml('<a href="http://[::1">Forum</a><meta name=generator'))).not.toThrow();
  });
});
