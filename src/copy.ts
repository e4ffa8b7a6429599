/**
 * Every sentence the banner and dialog show, in Dutch and English. Data, read by options.ts
 * (which merges the site's `texts`) and shown by the element; it never decides anything.
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
}

/** A built-in category's label and description, and what its cookies are for and kept. */
interface BuiltInCopy {
  label: string;
  description: string;
  /** [purpose, lifetime] per cookie, in the order options.ts lists the category's cookies. */
  cookies: [purpose: string, lifetime: string][];
}

export interface Language extends Copy {
  necessary: BuiltInCopy;
  analytics: BuiltInCopy;
  /** Unit of the consent cookie's lifetime in days. */
  days: string;
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
  preferencesIntro: 'Kies per soort cookie. U kunt uw keuze altijd wijzigen of intrekken via \u201cCookie-instellingen\u201d.',
  save: 'Keuze opslaan',
  close: 'Sluiten',
  alwaysOn: 'Altijd actief',
  cookies: 'Cookies',
  cookieName: 'Naam',
  cookiePurpose: 'Doel',
  cookieLifetime: 'Bewaartermijn',
  saved: 'Uw keuze is opgeslagen.',
  days: 'dagen',
  necessary: {
    label: 'Noodzakelijk',
    // Says why this category cannot be switched off.
    description: 'Nodig om in te loggen en om uw cookiekeuze te onthouden. Deze cookies kunt u niet uitzetten.',
    cookies: [['Onthoudt uw cookiekeuze', '']],
  },
  analytics: {
    label: 'Analytisch',
    description: 'Google Analytics: inzicht in het gebruik en de prestaties van de website, zonder advertentiefuncties.',
    // Purposes from the privacy statement: insight into the use and performance of the website.
    cookies: [
      ['Onderscheidt bezoekers, voor inzicht in het gebruik van de website', '2 jaar'],
      ['Houdt uw bezoek bij, voor inzicht in het gebruik en de prestaties', '2 jaar'],
      ['Onderscheidt bezoekers per dag', '1 dag'],
      ['Beperkt het aantal metingen', '1 minuut'],
      ['Meet via welke advertentie bezoekers komen', '3 maanden'],
    ],
  },
};

const en: Language = {
  title: 'Cookies on this website',
  intro:
    'We use cookies to optimise our website and systems, for example to ease logging in. With your consent, Google Analytics shows us how the website is used and performs.',
  privacyLink: 'Privacy statement',
  accept: 'Accept all',
  reject: 'Reject all',
  settings: 'Settings',
  preferences: 'Cookie settings',
  preferencesIntro: 'Choose per kind of cookie. You can change or withdraw your choice at any time via \u201cCookie settings\u201d.',
  save: 'Save choice',
  close: 'Close',
  alwaysOn: 'Always on',
  cookies: 'Cookies',
  cookieName: 'Name',
  cookiePurpose: 'Purpose',
  cookieLifetime: 'Kept for',
  saved: 'Your choice has been saved.',
  days: 'days',
  necessary: {
    label: 'Necessary',
    description: 'Needed to log in and to remember your cookie choice. These cannot be switched off.',
    cookies: [['Remembers your cookie choice', '']],
  },
  analytics: {
    label: 'Analytics',
    description: 'Google Analytics: how the website is used and performs, without advertising features.',
    cookies: [
      ['Tells visitors apart, to see how the website is used', '2 years'],
      ['Keeps track of your visit, to see how the website is used and performs', '2 years'],
      ['Tells visitors apart per day', '1 day'],
      ['Limits the number of measurements', '1 minute'],
      ['Measures which advertisement brought a visitor', '3 months'],
    ],
  },
};

export const languages = { nl, en };
export type LanguageCode = keyof typeof languages;
