/**
 * Where archives live: `DIR/<run id>/<actor id>/<pass>.wacz` (CONTRACT §9). Run and actor ids come
 * from our own code and the panel (validated as [a-z0-9-]+), but they are checked again here so
 * that no id, whatever its origin (a database edited by hand, a future id scheme), can name a path
 * outside DIR.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class UnsafeArchivePathError extends Error {}

export function checkId(kind: string, id: string): string {
  if (!SAFE_ID.test(id) || id.includes('..')) throw new UnsafeArchivePathError(`${kind} ${JSON.stringify(id)}: not usable as a folder name`);
  return id;
}

/** `root/parts…`, refusing anything that resolves outside root. */
export function inside(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const p = resolve(base, ...parts);
  const rel = relative(base, p);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) throw new UnsafeArchivePathError(`${p}: outside ${base}`);
  return p;
}

/** The folder of one run's archives: what `scan --replay` takes. */
export function runArchiveDir(archiveRoot: string, runId: string): string {
  return inside(archiveRoot, checkId('run id', runId));
}

/** The folder of one actor's archives in one run. */
export function actorArchiveDir(archiveRoot: string, runId: string, actorId: string): string {
  return inside(archiveRoot, checkId('run id', runId), checkId('actor id', actorId));
}

export function passArchiveFile(actorDir: string, pass: string): string {
  return inside(actorDir, `${checkId('pass', pass)}.wacz`);
}
