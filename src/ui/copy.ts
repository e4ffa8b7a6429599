/** Every sentence the banner and dialog show. Configuration `texts` may replace any of them. */
export interface Copy {
  /** Heading of the first layer; names the banner region. */
  title: string;
  /** What is used and why, in line with the privacy statement. */
  intro: string;
  privacyLink: string;
  acceptAll: string;
  rejectAll: string;
  settings: string;
  /** Heading of the preferences dialog, and the floating button's text. */
  preferences: string;
  preferencesIntro: string;
  save: string;
  /** Appended to the description of the locked `necessary` switch. */
  alwaysOn: string;
  /** Summary of each category's list of cookies. */
  cookies: string;
}

/** Label and description of a built-in category. */
type CategoryCopy = [label: string, description: string];
export interface Language extends Copy {
  categories: Record<string, CategoryCopy>;
}

const nl: Language = {
  title: 'Cookies op deze website',
  intro:
    'Wij gebruiken cookies om onze website en systemen te optimaliseren, bijvoorbeeld voor het gebruiksgemak als u inlogt op uw account. Met uw toestemming gebruiken wij Google Analytics om inzicht te krijgen in het gebruik en de prestaties van de website.',
  privacyLink: 'Lees onze privacyverklaring',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  settings: 'Instellingen',
  preferences: 'Cookie-instellingen',
  preferencesIntro:
    'Kies per categorie of u toestemming geeft. U kunt uw keuze op elk moment wijzigen of intrekken via "Cookie-instellingen".',
  save: 'Keuze opslaan',
  alwaysOn: 'Altijd aan: zonder deze cookies werkt de website niet.',
  cookies: 'Cookies',
  categories: {
    necessary: ['Noodzakelijk', 'Nodig om de website en het inloggen op uw account te laten werken, en om uw cookiekeuze te onthouden.'],
    analytics: ['Analytisch', 'Google Analytics geeft ons inzicht in het gebruik en de prestaties van de website. Advertentiefuncties van Google staan uit.'],
  },
};

const en: Language = {
  title: 'Cookies on this website',
  intro:
    'We use cookies to optimise our website and systems, for example to make logging in to your account easier. With your consent we use Google Analytics to understand how the website is used and how it performs.',
  privacyLink: 'Read our privacy statement',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  settings: 'Settings',
  preferences: 'Cookie settings',
  preferencesIntro:
    'Choose per category whether you consent. You can change or withdraw your choice at any time via "Cookie settings".',
  save: 'Save choice',
  alwaysOn: 'Always on: the website does not work without these cookies.',
  cookies: 'Cookies',
  categories: {
    necessary: ['Necessary', 'Needed for the website and logging in to your account to work, and to remember your cookie choice.'],
    analytics: ['Analytics', "Google Analytics shows us how the website is used and how it performs. Google's advertising features are off."],
  },
};

export const languages = { nl, en };
export type LanguageCode = keyof typeof languages;
