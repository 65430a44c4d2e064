import { describe, expect, it } from 'vitest';
import { isAllowed, parseRobots } from '../crawler/journey/robots.ts';

const TXT = `# robots
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /espace-client/
Disallow: /*.pdf$
Allow: /espace-client/aide
Crawl-delay: 10
`;

describe('robots.txt', () => {
  const rules = parseRobots(TXT);
  it('uses the * group when ours is absent, longest match wins, Allow on a tie', () => {
    expect(isAllowed(rules, 'https://www.a.fr/')).toBe(true);
    expect(isAllowed(rules, 'https://www.a.fr/nous-contacter')).toBe(true);
    expect(isAllowed(rules, 'https://www.a.fr/espace-client/messages')).toBe(false);
    expect(isAllowed(rules, 'https://www.a.fr/espace-client/aide/contact')).toBe(true);
    expect(isAllowed(rules, 'https://www.a.fr/tarifs.pdf')).toBe(false);
    expect(isAllowed(rules, 'https://www.a.fr/tarifs.pdf?x=1')).toBe(true);
  });
  it('uses our own group when there is one', () => {
    const own = parseRobots(`${TXT}\nUser-agent: contactability\nDisallow: /aide\n`);
    expect(isAllowed(own, 'https://www.a.fr/aide/faq')).toBe(false);
    expect(isAllowed(own, 'https://www.a.fr/espace-client/messages')).toBe(true);
  });
  it('allows everything with an empty or missing file', () => {
    expect(isAllowed(parseRobots(''), 'https://www.a.fr/x')).toBe(true);
    expect(isAllowed(parseRobots('User-agent: *\nDisallow:\n'), 'https://www.a.fr/x')).toBe(true);
  });
});
