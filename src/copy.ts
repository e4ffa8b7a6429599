/**
 * Every sentence the banner and dialog show, in Dutch. Data, read by options.ts (which merges
 * the site's `texts`) and shown by the element; it never decides anything. Other languages come
 * from the site's configuration (`texts.en`, per-language category strings; the README has a
 * complete English block), so that no visitor downloads copy in a language the site does not use.
 * Non-ASCII characters are fine here: the build escapes them (see rollup.config.mjs).
 */
export interface Copy {
  /** Heading of the first layer; names the banner region. */
  title: string;
  /** What is used and why, in line with the privacy statement. */
  intro: string;
  privacyLink: string;
  /** The buttons, named after their `part`: accept and reject equal in weight, so equally clear. */
  accept: string;
  reject: string;
  settings: string;
  /** Heading of the preferences dialog, and the floating button's text. */
  preferences: string;
  preferencesIntro: string;
  save: string;
  /** The dialog's close button: closes without saving, like Escape. */
  close: string;
  /** Shown instead of a switch for the category that cannot be turned off. */
  alwaysOn: string;
  /** Summary of each category's cookie table, and its column headings. */
  cookies: string;
  cookieName: string;
  cookiePurpose: string;
  cookieLifetime: string;
  /** Announced to screen readers (politely, without taking focus) after a choice is saved. */
  saved: string;
  /** Unit of the consent cookie's lifetime in days. */
  days: string;
  /** Shown in the banner and dialog to a browser that sends Global Privacy Control. */
  privacySignal: string;
}

/** A built-in category's label and description, and what its cookies are for and kept. */
export interface BuiltInCopy {
  label: string;
  description: string;
  /** [purpose, lifetime] per cookie, in the order options.ts lists them; no lifetime: the consent cookie's days. */
  cookies: [purpose: string, lifetime: string][];
}

export interface Language extends Copy {
  necessary: BuiltInCopy;
  analytics: BuiltInCopy;
}

const nl: Language = {
  title: 'Cookies op deze website',
  intro:
    'Wij gebruiken cookies om onze website en systemen te optimaliseren, bijvoorbeeld voor het gebruiksgemak als u inlogt. Met uw toestemming geeft Google Analytics ons inzicht in het gebruik en de prestaties van de website.',
  privacyLink: 'Privacyverklaring',
  accept: 'Alles accepteren',
  reject: 'Alles weigeren',
  settings: 'Instellingen',
  preferences: 'Cookie-instellingen',
  preferencesIntro: 'U kunt uw keuze altijd wijzigen of intrekken via \u201cCookie-instellingen\u201d.',
  save: 'Keuze opslaan',
  close: 'Sluiten',
  alwaysOn: 'Altijd actief',
  cookies: 'Cookies',
  cookieName: 'Naam',
  cookiePurpose: 'Doel',
  cookieLifetime: 'Bewaartermijn',
  saved: 'Uw keuze is opgeslagen.',
  days: 'dagen',
  privacySignal: 'Uw browser vraagt via Global Privacy Control om niet gevolgd te worden; dat doen we niet, tenzij u hier analytische cookies toestaat.',
  necessary: {
    label: 'Noodzakelijk',
    // Says why this category cannot be switched off.
    description: 'Nodig om in te loggen en om uw cookiekeuze te onthouden; niet uit te zetten.',
    cookies: [['Onthoudt uw cookiekeuze', '']],
  },
  analytics: {
    label: 'Analytisch',
    description: 'Google Analytics: inzicht in het gebruik en de prestaties van de website, zonder advertentiefuncties.',
    // Both serve what the privacy statement names, and the description says: insight into use and performance.
    cookies: [
      ['Onderscheidt bezoekers', '2 jaar'],
      ['Houdt uw bezoek bij', '2 jaar'],
    ],
  },
};

export { nl as dutch };
