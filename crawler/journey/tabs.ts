/**
 * The tabs of one consent pass and its pop-up guard. The crawler opens its own tabs (one per page
 * visited at once, and a fresh one for a tab stuck in a script); every other page that appears in
 * the context is a pop-up (window.open, target=_blank, a pop-up's own pop-ups) and is closed at
 * once. One guard per pass, not per visit: a visit's guard would take the other visit's fresh tab
 * for a pop-up of its own.
 */
import type { BrowserContext, Page } from 'playwright';
import { withTimeout } from './bounds.ts';

/** Closing a tab may hang on a renderer stuck in a script: give up after this. */
const TAB_CLOSE_MS = 5000;

export class Tabs {
  private readonly own = new Set<Page>();
  /** pages that appeared while one of ours was being opened: sorted out once it is */
  private arrived: Page[] = [];
  private opening = 0;
  private readonly onPage = (p: Page) => {
    if (this.own.has(p)) return;
    if (this.opening) this.arrived.push(p);
    else void p.close().catch(() => undefined);
  };

  constructor(
    private readonly ctx: BrowserContext,
    private readonly navTimeoutMs: number,
  ) {
    ctx.on('page', this.onPage);
  }

  /** A new tab of ours, with its dialog handling. */
  async open(): Promise<Page> {
    this.opening++;
    let page: Page | null = null;
    try {
      page = await this.ctx.newPage();
      this.own.add(page);
    } finally {
      this.opening--;
      if (!this.opening) {
        for (const p of this.arrived) if (!this.own.has(p)) void p.close().catch(() => undefined);
        this.arrived = [];
      }
    }
    page.setDefaultTimeout(this.navTimeoutMs);
    // A beforeunload prompt dismissed would cancel our next navigation: accept it; dismiss the rest.
    page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => undefined));
    return page;
  }

  /** Drops a tab stuck in a script or with a dead renderer, and gives a fresh one in its place. */
  async replace(stuck: Page): Promise<Page> {
    this.own.delete(stuck);
    await withTimeout(stuck.close(), TAB_CLOSE_MS, 'closing a stuck tab').catch(() => undefined);
    return this.open();
  }

  detach(): void {
    this.ctx.off('page', this.onPage);
  }
}
