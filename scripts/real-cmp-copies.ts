/**
 * The files of the real consent libraries and of the French state design system that the
 * real-CMP corpus self-hosts, as real French sites do: package file → path under
 * fixtures/real-cmp/sites/. Read by scripts/build-real-cmp.ts (copies them) and by
 * test/real-cmp-copies.test.ts (fails when a committed copy differs from node_modules).
 * Only what the pages load: no source maps, fonts, icons or other languages.
 */
export const REAL_CMP_COPIES: { pkg: string; file: string; to: string }[] = [
  // tarteaucitron.js 1.x (MIT): the loader fetches lang/, the services file and css/ next to itself
  { pkg: 'tarteaucitronjs', file: 'tarteaucitron.js', to: 'www.mutuelle-exemple.fr/assets/tarteaucitron/tarteaucitron.js' },
  { pkg: 'tarteaucitronjs', file: 'tarteaucitron.services.js', to: 'www.mutuelle-exemple.fr/assets/tarteaucitron/tarteaucitron.services.js' },
  { pkg: 'tarteaucitronjs', file: 'lang/tarteaucitron.fr.js', to: 'www.mutuelle-exemple.fr/assets/tarteaucitron/lang/tarteaucitron.fr.js' },
  { pkg: 'tarteaucitronjs', file: 'css/tarteaucitron.css', to: 'www.mutuelle-exemple.fr/assets/tarteaucitron/css/tarteaucitron.css' },
  // Klaro 0.7 (BSD-3-Clause): one file with its styles and translations
  { pkg: 'klaro', file: 'dist/klaro.js', to: 'www.voyages-exemple.fr/static/klaro/klaro.js' },
  // CookieConsent v3 by orestbida (MIT)
  { pkg: 'vanilla-cookieconsent', file: 'dist/cookieconsent.umd.js', to: 'www.energie-exemple.fr/js/cookieconsent.umd.js' },
  { pkg: 'vanilla-cookieconsent', file: 'dist/cookieconsent.css', to: 'www.energie-exemple.fr/css/cookieconsent.css' },
  // DSFR 1.14 (MIT): compiled styles and scripts
  { pkg: '@gouvfr/dsfr', file: 'dist/dsfr.min.css', to: 'www.allocations-exemple.fr/dsfr/dsfr.min.css' },
  { pkg: '@gouvfr/dsfr', file: 'dist/dsfr.module.min.js', to: 'www.allocations-exemple.fr/dsfr/dsfr.module.min.js' },
  { pkg: '@gouvfr/dsfr', file: 'dist/dsfr.nomodule.min.js', to: 'www.allocations-exemple.fr/dsfr/dsfr.nomodule.min.js' },
];
