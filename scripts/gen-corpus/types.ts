/**
 * What scripts/gen-corpus.ts says of each generated actor: its sector (one of five) and what the
 * generator put on its site (pages, chat, consent banner, phone and hours), for callers that check
 * a scan against it.
 */
export const SECTORS = ['banque', 'public', 'automobile', 'transports', 'energie'] as const;
export type Sector = (typeof SECTORS)[number];

export interface GeneratedActor {
  id: string;
  name: string;
  sector: Sector;
  segment: string;
  url: string;
  host: string;
  /** site-relative URLs of the actor's HTML pages, home first ("/", "/aide/", "/contact/", …) */
  pages: string[];
  chat: boolean;
  consentBanner: boolean;
  phone: { display: string; e164: string; kind: string; hours: string; hoursOsm: string };
}
