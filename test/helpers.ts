/** Shared by the browser tests: cookies, the console, the engine and its tooling; nothing about the widget. */
import { executeServerCommand } from '@web/test-runner-commands';

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

/** The engine running this test, told apart by its user agent (every Chromium names "Chrome/"). */
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const engine: Engine = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrome\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';

/**
 * Skips the running test in the engines named, and only there, printing why: for what an engine's
 * test tooling cannot do (never for a widget bug). The test still runs in every other engine.
 */
export function skipIn(test: Mocha.Context, engines: Engine | Engine[], reason: string): void {
  if (![engines].flat().includes(engine)) return;
  console.log(`Skipped in ${engine}: "${test.test?.fullTitle()}": ${reason}`);
  test.skip();
}

/**
 * Sets the viewport's size in every engine (web-test-runner.config.mjs runs the command): in
 * WebKit by sizing MiniBrowser's window, which cannot be narrower than 447 px.
 */
export async function setViewport(size: { width: number; height: number }): Promise<void> {
  await executeServerCommand('viewport', size);
}
