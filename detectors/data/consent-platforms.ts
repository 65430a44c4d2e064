/**
 * Consent platforms (CMPs) by their DOM ids and globals, from ../shared/research/vendors.md §2
 * (DuckDuckGo autoconsent rules, webappanalyzer and trackerdb facts). Used to name the platform
 * in the consent record, and to map autoconsent's rule names onto our ids.
 */
export interface ConsentPlatform {
  id: string;
  /** any of these in the DOM means the platform is present */
  selectors: string[];
  globals: string[];
  /** visible banner containers of the first layer */
  containers: string[];
  /** matches autoconsent's rule names for it */
  autoconsentName: RegExp;
}

export const CONSENT_PLATFORMS: ConsentPlatform[] = [
  {
    id: 'onetrust',
    selectors: ['#onetrust-banner-sdk', '#onetrust-consent-sdk', '#onetrust-pc-sdk'],
    globals: ['OneTrust', 'Optanon', 'OnetrustActiveGroups'],
    containers: ['#onetrust-banner-sdk', '#onetrust-pc-sdk'],
    autoconsentName: /onetrust|optanon|cookiepro/i,
  },
  {
    id: 'didomi',
    selectors: ['#didomi-host', '#didomi-notice', '#didomi-popup'],
    globals: ['Didomi', 'didomiOnReady'],
    containers: ['#didomi-notice', '#didomi-popup', '.didomi-popup-notice', '.didomi-notice-banner'],
    autoconsentName: /didomi/i,
  },
  {
    id: 'axeptio',
    selectors: ['.axeptio_mount', '#axeptio_overlay', '.axeptio_widget'],
    globals: ['axeptioSDK', 'axeptioSettings'],
    containers: ['.axeptio_widget', '#axeptio_overlay'],
    autoconsentName: /axeptio/i,
  },
  {
    id: 'tarteaucitron',
    selectors: ['#tarteaucitronRoot', '#tarteaucitronAlertBig'],
    globals: ['tarteaucitron'],
    containers: ['#tarteaucitronAlertBig', '#tarteaucitronRoot #tarteaucitron'],
    autoconsentName: /tarteaucitron/i,
  },
  {
    id: 'cookiebot',
    selectors: ['#CybotCookiebotDialog'],
    globals: ['Cookiebot'],
    containers: ['#CybotCookiebotDialog'],
    autoconsentName: /cookiebot|cybot/i,
  },
  {
    id: 'trustcommander',
    selectors: ['#tc-privacy-wrapper', '#footer_tc_privacy', '#popin_tc_privacy'],
    globals: ['tC'],
    containers: ['#footer_tc_privacy', '#popin_tc_privacy'],
    autoconsentName: /commanders|trustcommander|tc[-_]?privacy/i,
  },
  {
    id: 'sirdata',
    selectors: ['#sd-cmp'],
    globals: ['Sddan', 'SDDAN'],
    containers: ['#sd-cmp'],
    autoconsentName: /sirdata/i,
  },
  {
    id: 'usercentrics',
    selectors: ['#usercentrics-root', '#usercentrics-cmp-ui', '#usercentrics-button'],
    globals: ['UC_UI', 'usercentrics'],
    containers: ['#usercentrics-root', '#usercentrics-cmp-ui'],
    autoconsentName: /usercentrics/i,
  },
  {
    id: 'quantcast',
    selectors: ['#qc-cmp2-container', '#qc-cmp2-ui'],
    globals: [],
    containers: ['#qc-cmp2-ui'],
    autoconsentName: /quantcast|inmobi/i,
  },
];

/** Our id for an autoconsent rule name, or null (heuristic and unknown rules). */
export function platformFromAutoconsent(name: string | null | undefined): string | null {
  if (!name) return null;
  return CONSENT_PLATFORMS.find((p) => p.autoconsentName.test(name))?.id ?? null;
}
