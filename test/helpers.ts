/** Shared by the browser tests: cookie and console bookkeeping, nothing about the widget. */

/** Deletes every cookie this page can see, so each test starts from a first visit. */
export function clearCookies(): void {
  for (const cookie of document.cookie.split('; ')) {
    const name = cookie.split('=')[0];
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
}

/** Records what is written to `document.cookie`, attributes included, which reading cannot show. */
export function captureCookieWrites(): { writes: string[]; restore: () => void } {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  const writes: string[] = [];
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => descriptor.get!.call(document),
    set: (value: string) => {
      writes.push(value);
      descriptor.set!.call(document, value);
    },
  });
  return { writes, restore: () => delete (document as { cookie?: string }).cookie };
}

/** Collects console.warn and console.error calls until restored. */
export function captureConsole(): { warnings: string[]; errors: string[]; restore: () => void } {
  const { warn, error } = console;
  const captured = { warnings: [] as string[], errors: [] as string[] };
  console.warn = (...args: unknown[]) => captured.warnings.push(args.join(' '));
  console.error = (...args: unknown[]) => captured.errors.push(args.join(' '));
  return {
    ...captured,
    restore: () => Object.assign(console, { warn, error }),
  };
}

/** The raw value of one cookie, or undefined. */
export function rawCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/** Writes a cookie the way an earlier visit (or a tampering visitor) left it. */
export function plantConsentCookie(value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  document.cookie = `ib_consent=${encodeURIComponent(text)}; path=/`;
}
