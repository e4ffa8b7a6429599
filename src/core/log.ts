const PREFIX = '[ib-cookie-consent]';
const reported = new Set<string>();

/**
 * Reports a problem a site owner can fix (bad config, bad cookie) once per page, as an error
 * (something does not work as configured) or a warning (it works, but should not be so),
 * so a loop or a re-render never floods the console.
 */
export function report(message: string, level: 'warn' | 'error' = 'error'): void {
  if (reported.has(message)) return;
  reported.add(message);
  console[level](`${PREFIX} ${message}`);
}

/** Forgets what was reported, so it is said again: for tests, whose cases share one page. */
export function forgetReports(): void {
  reported.clear();
}
