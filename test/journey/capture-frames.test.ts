/**
 * A child frame is read even when its element cannot be inspected in the parent
 * (crawler/journey/capture.ts readFrame): on a page whose main thread is busy, the parent missed
 * the element's bounds while the frame itself still answered, and an embedded contact form was lost
 * with its frame (heavy network, demo's ondine-banque). Its visibility then comes from its own
 * viewport. Frames stand in for Playwright's: the parent never answers, the frame does.
 */
import type { Frame } from 'playwright';
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../crawler/journey/capture.ts';

const FORM = '<form><label>Votre message<textarea name="message"></textarea></label><button>Envoyer</button></form>';

function frame(opts: { element: 'hangs' | { title: string; box: { width: number; height: number } | null; visible: boolean }; viewport: boolean }): { frame: Frame; evaluated: string[] } {
  const evaluated: string[] = [];
  const element =
    opts.element === 'hangs'
      ? null
      : { getAttribute: async () => (opts.element as { title: string }).title, boundingBox: async () => (opts.element as { box: unknown }).box, isVisible: async () => (opts.element as { visible: boolean }).visible, dispose: async () => undefined };
  const f = {
    url: () => 'https://help.exemple.fr/hc/fr/requests/new?embed=true',
    name: () => '',
    frameElement: () => (element ? Promise.resolve(element) : new Promise(() => undefined)),
    evaluate: async (expr: string) => {
      evaluated.push(expr === 'innerWidth > 1 && innerHeight > 1' ? 'viewport' : 'snapshot');
      return expr === 'innerWidth > 1 && innerHeight > 1' ? opts.viewport : { json: JSON.stringify({ html: FORM, globals: ['zE'], title: '', links: [], scriptNav: [] }) };
    },
  };
  return { frame: f as unknown as Frame, evaluated };
}

describe('a child frame in the snapshot', { timeout: 20_000 }, () => {
  it('is read when its element cannot be inspected, visible from its own viewport', async () => {
    const { frame: f, evaluated } = frame({ element: 'hangs', viewport: true });
    const got = await readFrame(f, { globals: ['zE'] });
    expect(got.snapshot).toEqual({ url: 'https://help.exemple.fr/hc/fr/requests/new?embed=true', name: '', title: '', html: FORM, visible: true });
    expect(got.globals).toEqual(['zE']);
    expect(evaluated).toEqual(['snapshot', 'viewport']);
  });

  it('is hidden when its element cannot be inspected and it has no viewport', async () => {
    const got = await readFrame(frame({ element: 'hangs', viewport: false }).frame, { globals: [] });
    expect(got.snapshot.visible).toBe(false);
    expect(got.snapshot.html).toBe(FORM);
  });

  it('takes its title and visibility from its element when the parent answers', async () => {
    const { frame: f, evaluated } = frame({ element: { title: 'Formulaire de contact', box: { width: 640, height: 620 }, visible: true }, viewport: false });
    const got = await readFrame(f, { globals: [] });
    expect(got.snapshot).toMatchObject({ title: 'Formulaire de contact', visible: true, html: FORM });
    expect(evaluated).toEqual(['snapshot']);
    const hidden = await readFrame(frame({ element: { title: 'pixel', box: { width: 0, height: 0 }, visible: true }, viewport: true }).frame, { globals: [] });
    expect(hidden.snapshot).toMatchObject({ title: 'pixel', visible: false, html: FORM });
  });
});
