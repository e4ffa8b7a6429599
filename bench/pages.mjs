/**
 * The bench's business page, in each embed placement and with each consent widget, and the
 * files they load. Every widget shows the same Dutch copy (ours: built in, src/copy.ts; the peers:
 * the same sentences in their configuration) as a bottom bar, and loads gtag.js (a local stub)
 * only after "Alles accepteren", each in its own documented way.
 */
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const read = (path) => readFileSync(root + path);

export const GA_ID = 'G-BENCH1';
/** Where every page loads gtag.js from: a local stub, so no Google host is ever reached. */
export const GTAG_PATH = '/gtag/js';

/** Our Dutch copy (src/copy.ts, as `npm run bench` has just built it), for the peers too. */
const { dutch: copy } = await import('../dist/esm/copy.js');
const privacyUrl = '/privacyverklaring';
const description = `${copy.intro} <a href="${privacyUrl}">${copy.privacyLink}</a>`;

// run() needs <body>: the placement without defer runs this in <head>, before there is one.
const vanillaConfig = `(function (run) {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run);
})(() => CookieConsent.run(${JSON.stringify({
  // Headless Chromium has navigator.webdriver, which vanilla-cookieconsent treats as a bot.
  hideFromBots: false,
  guiOptions: { consentModal: { layout: 'bar inline', position: 'bottom' } },
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: {
    default: 'nl',
    translations: {
      nl: {
        consentModal: {
          title: copy.title,
          description,
          acceptAllBtn: copy.accept,
          acceptNecessaryBtn: copy.reject,
          showPreferencesBtn: copy.settings,
        },
        preferencesModal: {
          title: copy.preferences,
          acceptAllBtn: copy.accept,
          acceptNecessaryBtn: copy.reject,
          savePreferencesBtn: copy.save,
          sections: [
            { title: copy.necessary.label, description: copy.necessary.description, linkedCategory: 'necessary' },
            { title: copy.analytics.label, description: copy.analytics.description, linkedCategory: 'analytics' },
          ],
        },
      },
    },
  },
})}));\n`;

const klaroConfig = `var klaroConfig = ${JSON.stringify({
  version: 1,
  lang: 'nl',
  styling: { theme: ['light', 'bottom', 'wide'] },
  showNoticeTitle: true,
  acceptAll: true,
  htmlTexts: true,
  translations: {
    zz: { privacyPolicyUrl: privacyUrl },
    nl: {
      consentNotice: { title: copy.title, description, learnMore: copy.settings },
      ok: copy.accept,
      acceptAll: copy.accept,
      decline: copy.reject,
      consentModal: { title: copy.preferences },
      purposes: { analytics: { title: copy.analytics.label, description: copy.analytics.description } },
      'google-analytics': { title: 'Google Analytics', description: copy.analytics.description },
    },
  },
  services: [
    {
      name: 'google-analytics',
      purposes: ['analytics'],
      cookies: [/^_ga(_.*)?/.source, '_gid'],
    },
  ],
})};\n`;

/** Every file the pages load, by path; the pages themselves are added by `pages()`. */
export const assets = {
  '/ib-cookie-consent.js': { body: read('dist/ib-cookie-consent.js'), type: 'text/javascript' },
  '/cookieconsent.umd.js': {
    body: read('node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js'),
    type: 'text/javascript',
  },
  '/cookieconsent.css': { body: read('node_modules/vanilla-cookieconsent/dist/cookieconsent.css'), type: 'text/css' },
  '/cookieconsent-config.js': { body: vanillaConfig, type: 'text/javascript' },
  // klaro.js brings its CSS inside the script, the way Klaro's own docs embed it.
  '/klaro.js': { body: read('node_modules/klaro/dist/klaro.js'), type: 'text/javascript' },
  '/klaro-config.js': { body: klaroConfig, type: 'text/javascript' },
  '/site.css': { body: read('bench/site.css'), type: 'text/css' },
  '/hero.jpg': { body: read('bench/hero.jpg'), type: 'image/jpeg' },
  // Browsers ask for it on every first visit; a 404 would be a request the pages do not make alike.
  '/favicon.ico': { body: '', type: 'image/x-icon' },
  [GTAG_PATH]: { body: read('test/fixtures/gtag-stub.js'), type: 'text/javascript' },
};

/** The files of each widget, for the bytes it adds to a visit. */
export const widgetFiles = {
  none: [],
  ours: ['/ib-cookie-consent.js'],
  vanilla: ['/cookieconsent.css', '/cookieconsent.umd.js', '/cookieconsent-config.js'],
  klaro: ['/klaro-config.js', '/klaro.js'],
};

/**
 * What each widget puts in `<head>`. `defer` is '' for the placement without it. gtag.js waits
 * for consent in every widget: ours loads it itself (data-ga-id); the peers unlock a
 * `type="text/plain"` script tag.
 */
const embeds = {
  none: () => '',
  ours: (defer) => `<script src="/ib-cookie-consent.js" ${defer} data-ga-id="${GA_ID}" data-gtag-url="${GTAG_PATH}"
      data-privacy-url="${privacyUrl}"></script>`,
  vanilla: (defer) => `<link rel="stylesheet" href="/cookieconsent.css">
    <script src="/cookieconsent.umd.js" ${defer}></script>
    <script src="/cookieconsent-config.js" ${defer}></script>
    <script type="text/plain" data-category="analytics" data-src="${GTAG_PATH}?id=${GA_ID}"></script>`,
  klaro: (defer) => `<script src="/klaro-config.js" ${defer}></script>
    <script src="/klaro.js" ${defer}></script>
    <script type="text/plain" data-type="text/javascript" data-name="google-analytics" data-src="${GTAG_PATH}?id=${GA_ID}"></script>`,
};

/**
 * The site's own Google snippet, below the widget in the placement without `defer` (the
 * widget's Consent Mode defaults must come first). Its gtag.js tag is the widget's job above,
 * so only the inline part stays: it queues commands and requests nothing.
 */
const googleSnippet = `<script>
      window.dataLayer = window.dataLayer || [];
      function gtag() { dataLayer.push(arguments); }
      gtag('js', new Date());
      gtag('config', '${GA_ID}');
    </script>`;

/** The embed placements the README recommends. */
export const placements = {
  deferred: (variant) => embeds[variant]('defer'),
  'head-sync': (variant) => `${embeds[variant]('')}\n    ${googleSnippet}`,
};

const body = `
    <header class="site"><a class="brand" href="/">Inforbusiness</a>
      <nav><a href="/diensten">Diensten</a> <a href="/over-ons">Over ons</a> <a href="/contact">Contact</a></nav></header>
    <main>
      <section class="hero">
        <h1>Uw administratie op orde, zonder omkijken</h1>
        <p class="lead">Boekhouding, salarisadministratie en advies voor het mkb in heel Nederland.</p>
        <img src="/hero.jpg" width="960" height="480" alt="Ons team aan het werk">
      </section>
      <h2>Wat wij doen</h2>
      <p>Wij verzorgen de boekhouding van ruim 400 ondernemers, van zzp'er tot familiebedrijf met vijftig
        medewerkers. U levert uw bonnen en facturen digitaal aan; wij verwerken ze binnen twee werkdagen en u
        ziet uw cijfers altijd actueel in uw eigen omgeving.</p>
      <p>Elk kwartaal doen wij uw btw-aangifte en bespreken we met u hoe uw bedrijf ervoor staat. Aan het einde
        van het jaar stellen wij de jaarrekening op en verzorgen we de aangifte inkomstenbelasting of
        vennootschapsbelasting.</p>
      <h2>Waarom Inforbusiness</h2>
      <p>Vaste contactpersoon, vaste prijs per maand en geen verrassingen achteraf. Onze adviseurs zijn
        register-accountants en kennen uw branche.</p>
      <p><a class="button" href="/contact">Plan een kennismaking</a></p>
    </main>
    <footer><p>&copy; Inforbusiness B.V. &middot; <a href="/privacyverklaring">Privacyverklaring</a>
      &middot; <a href="#" data-ib-consent-open data-cc="show-preferencesModal">Cookie-instellingen</a></p></footer>`;

/**
 * Every page, by path: `/<hero>/<placement>/<variant>.html`. The `image` hero is the default page;
 * the `text` hero leaves the image out, the page of a site whose largest content is text, where
 * a banner's text can be larger than anything else on the first screen.
 */
export function pages() {
  const result = {};
  for (const [hero, withoutImage] of [['image', false], ['text', true]]) {
    for (const [placement, embed] of Object.entries(placements)) {
      for (const variant of Object.keys(embeds)) {
        result[`/${hero}/${placement}/${variant}.html`] = page(embed(variant), withoutImage);
      }
    }
  }
  return result;
}

function page(embed, withoutImage) {
  return {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Inforbusiness: administratie en advies</title>
    <link rel="stylesheet" href="/site.css">
    ${embed}
  </head>
  <body>${withoutImage ? body.replace(/\n\s*<img [^>]*>/, '') : body}
  </body>
</html>
`,
  };
}
