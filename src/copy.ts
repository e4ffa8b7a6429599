/** Every sentence the banner and dialog show. Configuration `texts` may replace any of them. */
export interface Copy {
  /** Heading of the first layer; names the banner region. */
  title: string;
  /** What is used and why, in line with the privacy statement. */
  intro: string;
  privacyLink: string;
  /** The buttons, named after their `part`: equal in weight, so equally clear. */
  accept: string;
  reject: string;
  settings: string;
  /** Heading of the preferences dialog, and the floating button's text. */
  preferences: string;
  preferencesIntro: string;
  save: string;
  /** Summary of each category's list of cookies. */
  cookies: string;
}

/** Label and description of a built-in category. */
type CategoryCopy = [label: string, description: string];
export interface Language extends Copy {
  categories: Record<string, CategoryCopy>;
  /**
   * Lifetimes of the Google Analytics cookies, in the order options.ts lists them. Plain text:
   * Intl.NumberFormat would say the same, but its first use costs some 50 ms at start-up.
   */
  gaLifetimes: string[];
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
  preferencesIntro: 'U kunt uw keuze altijd wijzigen of intrekken via "Cookie-instellingen".',
  save: 'Keuze opslaan',
  cookies: 'Cookies',
  gaLifetimes: ['2 jaar', '2 jaar', '1 dag', '1 minuut', '3 maanden'],
  days: 'dagen',
  categories: {
    // The description says why this category cannot be switched off.
    necessary: ['Noodzakelijk', 'Altijd aan: nodig om in te loggen en om uw cookiekeuze te onthouden.'],
    analytics: ['Analytisch', 'Google Analytics: inzicht in het gebruik en de prestaties van de website, zonder advertentiefuncties.'],
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
  preferencesIntro: 'You can change or withdraw your choice at any time via "Cookie settings".',
  save: 'Save choice',
  cookies: 'Cookies',
  gaLifetimes: ['2 years', '2 years', '1 day', '1 minute', '3 months'],
  days: 'days',
  categories: {
    necessary: ['Necessary', 'Always on: needed to log in and to remember your cookie choice.'],
    analytics: ['Analytics', 'Google Analytics: how the website is used and performs, without advertising features.'],
  },
};

export const languages = { nl, en };
export type LanguageCode = keyof typeof languages;
