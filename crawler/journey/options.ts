import type { BrowserContext } from 'playwright';
import type { ConsentPass } from '../types.ts';

/**
 * The journey's options, their defaults (the one home for them: scan, resume, workers and tests
 * all start from DEFAULT_JOURNEY), and the journey's tuning constants, each with its reason.
 */

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 contactability/0.1';

export interface JourneyOptions {
  /** page budget of the refuse pass */
  maxPages: number;
  /** per navigation */
  navTimeoutMs: number;
  /** whole actor, both passes: the watchdog ends the actor when it passes */
  actorTimeoutMs: number;
  userAgent: string;
  /** pages revisited in the accept pass besides the home page */
  acceptPages: number;
  /** pause between two page loads of the same site (politeness) */
  pageDelayMs: number;
  /** keep screenshots of the home page and of the first page where each channel shows up */
  screenshots: boolean;
  /** obey robots.txt (default); false with --ignore-robots, recorded in the run */
  respectRobots: boolean;
  /**
   * live scans: refuse every request to loopback, private and link-local addresses (sub-resources
   * and redirects included). Off for offline corpora, whose server is on loopback by design.
   */
  blockPrivateNetwork: boolean;
  /** records every response of each pass's context (scan --archive, crawler/archive/recorder.ts) */
  archive?: { attach(ctx: BrowserContext, pass: ConsentPass): void; endPass(pass: ConsentPass): Promise<void> };
}

export const DEFAULT_JOURNEY: JourneyOptions = {
  maxPages: 30,
  navTimeoutMs: 15_000,
  actorTimeoutMs: 180_000,
  userAgent: DEFAULT_USER_AGENT,
  acceptPages: 6,
  pageDelayMs: 0,
  screenshots: true,
  respectRobots: true,
  blockPrivateNetwork: true,
};

// ---------------------------------------------------------------- crawl order

/** Link score under which a page is a long shot (no contact or help wording in its link or path). */
export const LOW_SCORE = 20;
/** Long shots visited per pass at most: enough to find a contact block in a generic section, not a whole site. */
export const MAX_LOW_SCORE_VISITS = 4;
/** Score a link loses per click of depth: a contact link two levels down must beat a vague one at the top. */
export const DEPTH_PENALTY = 12;
/**
 * Pages of one site visited at once (after the home page, alone for the consent step), in waves
 * taken best first from the queue. Two, as a person with two tabs open: it halves the time a
 * site's pages spend waiting on a slow network and stays polite (a browser opens up to six
 * connections per host for a single page). One when --page-delay asks for spacing.
 */
export const TABS_PER_SITE = 2;
/** Script-navigation buttons worth a click need at least this score (strong contact/help wording). */
export const SCRIPT_NAV_MIN_SCORE = 50;
/** At most this many script buttons clicked per page: each click costs a page load. */
export const SCRIPT_NAV_PER_PAGE = 3;
/** Script buttons are followed up to this depth: deeper pages rarely hold the main contact entry. */
export const SCRIPT_NAV_MAX_DEPTH = 3;

// ---------------------------------------------------------------- waiting

/** The network counts as quiet after this long with no counted request in flight (as networkidle's 500 ms, a bit shorter). */
export const QUIET_MS = 400;
/**
 * A request pending longer than this is long-lived (long-poll, streaming, hanging beacon) and no
 * longer holds the page (as Puppeteer's networkidle2 allows two open connections).
 */
export const LONG_LIVED_MS = 1000;
/** Resource types that never hold a page: beacons, event streams, sockets. */
export const NEVER_WAITED_TYPES = new Set(['ping', 'eventsource', 'websocket', 'beacon']);
/** Cap on waiting for quiet after load: home page (consent and tag managers start there), other pages. */
export const QUIET_CAP_HOME_MS = 4000;
export const QUIET_CAP_PAGE_MS = 2500;
/** Cap on waiting for quiet after the consent step and after lazy frames were made to load. */
export const QUIET_CAP_AFTER_CONSENT_MS = 3000;
export const QUIET_CAP_AFTER_LAZY_MS = 2000;
/** The 'load' event is awaited this long at most: a page whose images never finish is still read. */
export const LOAD_EVENT_CAP_MS = 5000;
/**
 * Home page only: tag managers inject chat widgets after load, once their own rules ran (seen on
 * iAdvize and Genesys deployments through GTM); one short dwell there, never on other pages.
 */
export const HOME_DWELL_MS = 1500;
/** A chat vendor's script was requested: wait this long at most for its widget to appear. */
export const VENDOR_WIDGET_WAIT_MS = 5000;
/** ... and this much more for its launcher before trying to open it. */
export const LAUNCHER_WAIT_MS = 3000;
/** After a launcher click: time to let the widget draw, and the cap on waiting for it to say something. */
export const WIDGET_FIRST_LOOK_MS = 700;
export const WIDGET_TEXT_WAIT_MS = 4000;
/** Consent: time for autoconsent to detect and act, and the hard cap on the whole step. */
export const CONSENT_SETTLE_MS = 5000;
export const CONSENT_STEP_CAP_MS = 15_000;
/**
 * A banner still up after autoconsent acted (a rule that missed, or a click that came before the
 * page's own script wired its buttons: seen with tarteaucitron.js about one time in six, the
 * choice then never stored) is clicked again by text, up to this many times, this far apart.
 */
export const CONSENT_CLICKS_MAX = 3;
export const CONSENT_CLICK_AGAIN_MS = 700;
/**
 * A script button's navigation must start (the browser asks for the page) within this. Waiting for
 * the new page's DOM instead missed buttons on slow servers and busy machines (under load 2 s
 * missed real ones; on the heavy network 3 s missed the demo's altais contact button).
 */
export const SCRIPT_NAV_COMMIT_MS = 3000;

// ---------------------------------------------------------------- bounds

/** One in-page evaluation of the snapshot (main document); a frame's gets less. */
export const SNAPSHOT_EVAL_MS = 15_000;
export const FRAME_SNAPSHOT_EVAL_MS = 5000;
/** Frames read per page at most: ad-heavy pages carry dozens of empty frames. */
export const MAX_FRAMES = 30;
/** A frame's HTML is kept up to this size (a whole SPA in a frame adds nothing a detector reads past it). */
export const MAX_FRAME_HTML = 1_000_000;
/** Requests recorded per page at most: detectors read hosts, not the 2,000th tracking pixel. */
export const MAX_REQUESTS_PER_PAGE = 800;
/** Closing a browser context may hang on a stuck renderer: give up after this. */
export const CONTEXT_CLOSE_MS = 10_000;
/**
 * After the actor deadline the watchdog waits this long for the journey to wind down by itself,
 * then closes the actor's contexts, which makes every pending browser call fail at once.
 */
export const WATCHDOG_GRACE_MS = 5000;
