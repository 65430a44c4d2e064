/**
 * The panel file (CONTRACT §2), read and checked with zod. Every problem is reported as one line
 * that names the file, the actor and the field: "panel.yaml: actors[2] (id "sncf"): url: …".
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { BadInputError } from '../errors.ts';
import type { Actor, Panel } from '../types.ts';

export { BadInputError, type Actor, type Panel };

export const ActorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must match [a-z0-9-]+'),
  name: z.string().min(1, 'must not be empty'),
  sector: z.string().min(1, 'must not be empty'),
  segment: z.string().nullish(),
  url: z
    .string()
    .url('must be an absolute URL')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
});

export const PanelSchema = z.object({
  edition: z.union([z.string(), z.number()]).transform(String).optional(),
  actors: z.array(z.unknown()).min(1, 'must list at least one actor'),
});

function fieldOf(path: PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(actor)';
}

export function parsePanel(text: string, file: string): Panel {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new BadInputError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const top = PanelSchema.safeParse(doc);
  if (!top.success) {
    const issue = top.error.issues[0];
    throw new BadInputError(`${file}: ${issue.path.length ? issue.path.join('.') : 'panel'}: ${issue.message}`);
  }
  const actors: Actor[] = [];
  const ids = new Set<string>();
  top.data.actors.forEach((raw, i) => {
    const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? ` (id "${(raw as { id: string }).id}")` : '';
    const parsed = ActorSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadInputError(`${file}: actors[${i}]${id}: ${fieldOf(issue.path)}: ${issue.message}`);
    }
    if (ids.has(parsed.data.id)) throw new BadInputError(`${file}: actors[${i}]${id}: id: duplicate id`);
    ids.add(parsed.data.id);
    actors.push({ ...parsed.data, segment: parsed.data.segment ?? null });
  });
  return { file, edition: top.data.edition, actors };
}

export function loadPanel(file: string): Panel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BadInputError(`${file}: cannot read the panel file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parsePanel(text, file);
}

const PRIVATE_HOST = /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|\[?f[cd][0-9a-f]{2}:.*|\[?fe80:.*)$/i;

/** Containment: a live scan never targets loopback or private networks unless allowed. */
export function checkPublicUrls(panel: Panel): void {
  panel.actors.forEach((a, i) => {
    const host = new URL(a.url).hostname;
    if (PRIVATE_HOST.test(host)) {
      throw new BadInputError(`${panel.file}: actors[${i}] (id "${a.id}"): url: ${host} is a loopback or private address (use --fixtures, or --allow-private)`);
    }
  });
}
