/**
 * Which Chromium the tests and scripts drive, and how. Debian's /usr/bin/chromium where it
 * exists, CHROME_PATH over everything, otherwise undefined so the launcher finds a local Chrome.
 */
import { existsSync } from 'node:fs';

export const executablePath =
  process.env.CHROME_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Without these, Chromium floods a closed network with update and sync requests. */
export const chromiumArgs = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Tests never reach a real host: every name but the local ones resolves to nothing.
  '--host-resolver-rules=MAP *.ib.localtest 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
