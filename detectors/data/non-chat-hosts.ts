/**
 * Hosts whose frames are never a chat (video players, maps, surveys, review badges, consent
 * platforms), as checked data (non-chat-hosts.json, one public source per host). The chat-widget
 * detector tests a frame's host against this list before any chat iframe marker, so a video or a
 * map whose title happens to contain a vendor word is never taken for a chat. Ignores paths: the
 * whole host suffix is non-chat.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Schema = z.object({
  comment: z.string(),
  hosts: z
    .array(z.object({ host: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/), what: z.string().min(1), source: z.string().min(1) }))
    .min(1),
});

let cache: string[] | null = null;

export function loadNonChatHosts(): string[] {
  if (cache) return cache;
  const parsed = Schema.parse(JSON.parse(readFileSync(new URL('./non-chat-hosts.json', import.meta.url), 'utf8')));
  const hosts = parsed.hosts.map((h) => h.host);
  if (new Set(hosts).size !== hosts.length) throw new Error('non-chat-hosts.json: duplicate host');
  cache = hosts;
  return hosts;
}
