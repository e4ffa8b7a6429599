/**
 * `npm run bench`: what a consent widget costs a visitor, ours against vanilla-cookieconsent 3.1.0
 * and Klaro 0.7.22 and against no widget at all, measured in the same run in real Chromium.
 *
 * The page is a small business page (bench/pages.mjs) served by the bench's own server with gzip
 * and cache headers (bench/server.mjs), in the two embed placements the README recommends
 * (deferred; without `defer` in <head> above the Google snippet), on a phone-sized viewport,
 * under Lighthouse's mobile throttling as DevTools applies it (562.5 ms latency, 1,474.56 kbit/s
 * down, 675 kbit/s up, 4x CPU slowdown) and unthrottled. Each sample is a fresh browser context
 * (cold cache, no cookies): the first visit, then a click on "Alles accepteren", then a returning
 * visit with the stored choice and a warm cache. Variants are interleaved, so that a slow moment
 * of the machine hits them alike; medians with min and max, ratios to vanilla-cookieconsent from
 * the same run, LCP and TBT also as the difference to the page without a widget.
 *
 *   node scripts/bench.mjs [--runs N] [--conditions throttled,unthrottled] [--placements deferred,head-sync]
 *   BENCH_RUNS=N works as --runs N. The last line ("bench summary: ...") is for comparing commits.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { assets, GTAG_PATH, pages, placements, widgetFiles } from '../bench/pages.mjs';
import { startBenchServer } from '../bench/server.mjs';
import { chromiumLaunchOptions } from './chromium.mjs';

const CONDITIONS = {
  // Lighthouse's mobile preset, applied the way DevTools applies it ("devtools" throttling).
  throttled: { latency: 562.5, downloadKbps: 1474.56, uploadKbps: 675, cpuSlowdown: 4 },
  unthrottled: null,
};
const VARIANTS = ['none', 'ours', 'vanilla', 'klaro'];
const NAMES = { none: 'no widget', ours: 'ib-cookie-consent', vanilla: 'vanilla-cookieconsent', klaro: 'Klaro' };
/** Lighthouse's mobile device: a Moto G Power sized screen. */
const DEVICE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
/** Each widget's "Alles accepteren" in its banner, and the cookie its choice is stored in. */
const ACCEPT = {
  ours: 'ib-cookie-consent section [part~=accept]',
  vanilla: '#cc-main .cm [data-role=all]',
  klaro: '.klaro .cookie-notice .cm-btn-success',
};
const COOKIE = { ours: 'ib_consent', vanilla: 'cc_cookie', klaro: 'klaro' };

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '15' },
    conditions: { type: 'string', default: Object.keys(CONDITIONS).join(',') },
    placements: { type: 'string', default: Object.keys(placements).join(',') },
    // The page's hero: `image` (the default) or `text` (no image: the banner's text can be the LCP).
    hero: { type: 'string', default: 'image' },
    // Writes each returning visit's trace there, to open in DevTools' Performance panel.
    'trace-dir': { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const conditions = args.conditions.split(',');
const placementNames = args.placements.split(',');
for (const name of conditions) if (!(name in CONDITIONS)) throw new Error(`Unknown condition ${name}`);
for (const name of placementNames) if (!(name in placements)) throw new Error(`Unknown placement ${name}`);

/**
 * Runs in the page before any of its scripts: observes paint, LCP, layout shifts and long tasks,
 * notes the first frame in which the banner is visible, and times a click to the next paint.
 */
function observePage({ variant, cookie, gtagPath }) {
  const bench = (window.__bench = { lcp: [], shifts: [], longTasks: [] });
  const observe = (type, record, options) => {
    new PerformanceObserver((list) => list.getEntries().forEach(record)).observe({ type, buffered: true, ...options });
  };
  const findBanner = () => {
    if (variant === 'ours') return document.querySelector('ib-cookie-consent')?.shadowRoot?.querySelector('section');
    if (variant === 'vanilla') return document.querySelector('#cc-main .cm');
    if (variant === 'klaro') return document.querySelector('.klaro .cookie-notice');
  };
  /** Names an LCP element the way a person would recognise it. */
  const describe = (element) => {
    // LCP entries do not expose elements inside a shadow root; ours is the page's only one.
    if (!element) return variant === 'ours' ? 'banner text' : '(none)';
    if (findBanner()?.contains(element)) return 'banner text';
    return element.localName === 'img' ? 'hero image' : element.localName;
  };
  observe('paint', (entry) => entry.name === 'first-contentful-paint' && (bench.fcp = entry.startTime));
  observe('largest-contentful-paint', (entry) =>
    bench.lcp.push({ time: entry.startTime, size: entry.size, element: describe(entry.element) }),
  );
  observe('layout-shift', (entry) => entry.hadRecentInput || bench.shifts.push({ time: entry.startTime, value: entry.value }));
  observe('longtask', (entry) => bench.longTasks.push({ start: entry.startTime, duration: entry.duration }));

  // The banner counts as painted in the first frame that starts with it in the page and visible
  // (the peers fade theirs in: from the first frame with any opacity). Polled once per frame.
  const visible = (element) => {
    if (!element?.getClientRects().length) return false;
    const style = getComputedStyle(element);
    return style.visibility === 'visible' && Number(style.opacity) > 0;
  };
  const poll = (frameTime) => {
    if (variant === 'none') return;
    if (visible(findBanner())) bench.bannerAt = frameTime;
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);

  // From the click's own timestamp to the choice being stored (cookie written, gtag.js inserted):
  // checked after every listener of the click has run (this one listens last, bubbling at the
  // window), then in each later task until it is.
  const stored = () =>
    document.cookie.split('; ').some((pair) => pair.startsWith(`${cookie}=`)) &&
    !!document.querySelector(`script[src*="${gtagPath}"]:not([type="text/plain"])`);
  addEventListener('click', () => {
    if (!bench.click || 'storedFrom' in bench.click) return;
    bench.click.storedFrom = performance.now();
    const check = () => (stored() ? (bench.click.stored = performance.now()) : setTimeout(check));
    check();
  });

  // From the click's own timestamp to just after the next frame has been painted: the frame's
  // requestAnimationFrame callbacks run before its style, layout and paint, and a message posted
  // there is delivered after them. performance.now() resolution, not Event Timing's 8 ms.
  addEventListener(
    'click',
    (event) => {
      if (bench.click) return;
      bench.click = { start: event.timeStamp };
      requestAnimationFrame((frameTime) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          Object.assign(bench.click, {
            frame: frameTime,
            painted: performance.now(),
            cookieWritten: document.cookie.split('; ').some((pair) => pair.startsWith(`${cookie}=`)),
            gtagInserted: !!document.querySelector(`script[src*="${gtagPath}"]:not([type="text/plain"])`),
          });
        };
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
}

/** What the first visit measured, from the page's own observers and resource timing. */
function readFirstVisit(files) {
  const { fcp, lcp, shifts, longTasks, bannerAt } = window.__bench;
  const [navigation] = performance.getEntriesByType('navigation');
  // Long tasks after first contentful paint until the banner is usable (or the page loaded,
  // whichever is later): each counts what it blocked beyond 50 ms, after FCP (as Lighthouse does).
  const end = Math.max(bannerAt ?? 0, navigation.loadEventEnd);
  const tbt = longTasks
    .filter(({ start }) => start < end)
    .reduce((sum, { start, duration }) => sum + Math.max(0, start + duration - Math.max(start + 50, fcp)), 0);
  // Cumulative Layout Shift: the largest session window (gaps under 1 s, at most 5 s long).
  let cls = 0;
  let session = 0;
  let first = 0;
  let previous = -Infinity;
  for (const { time, value } of shifts) {
    if (time - previous > 1000 || time - first > 5000) [session, first] = [0, time];
    session += value;
    previous = time;
    cls = Math.max(cls, session);
  }
  const resources = performance.getEntriesByType('resource');
  const bytes = files.reduce((sum, path) => {
    const entry = resources.find(({ name }) => new URL(name).pathname === path);
    return sum + (entry?.transferSize ?? 0);
  }, 0);
  const last = lcp.at(-1);
  return { fcp, bannerAt, lcp: last?.time, lcpElement: last?.element, cls, tbt, bytes };
}

/** Bytes of the widget's files that came over the network (0 for each served from the cache). */
function readTransferred(files) {
  const resources = performance.getEntriesByType('resource');
  return files.reduce((sum, path) => {
    const entry = resources.find(({ name }) => new URL(name).pathname === path);
    return sum + (entry?.transferSize ?? 0);
  }, 0);
}

const settle = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100))));

/**
 * Main-thread time of the widget's own scripts in a trace: compiling and evaluating them
 * (EvaluateScript, v8.compile) and every later call into them (FunctionCall: event listeners,
 * timers, observers; RunMicrotasks after them belongs to whoever queued them, so the microtasks
 * run directly after a widget's FunctionCall are counted too). Nested events are counted once.
 */
function widgetMainThreadTime(traceEvents, origin, files) {
  const urls = new Set(files.filter((path) => path.endsWith('.js')).map((path) => origin + path));
  // The page's main thread: the one that parsed it (other renderers may run in the trace).
  const main = traceEvents.findLast((event) => event.name === 'ParseHTML' && event.args.beginData?.url?.startsWith(origin));
  const onMain = traceEvents
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  // The trace starts before the navigation: the page left behind still runs its unload handlers.
  const committed = onMain.findLast((event) => event.name === 'CommitLoad')?.ts ?? 0;
  const ownUrl = (event) => {
    const data = event.args?.data ?? event.args?.beginData;
    return urls.has(data?.url) || urls.has(data?.scriptName) || urls.has(event.args?.fileName);
  };
  let total = 0;
  let coveredUntil = 0;
  let lastOwnEnd = -1;
  for (const event of onMain) {
    if (event.ts < committed) continue;
    const end = event.ts + (event.dur ?? 0);
    const own = ['EvaluateScript', 'v8.compile', 'FunctionCall', 'v8.compileModule'].includes(event.name) && ownUrl(event);
    const microtasksAfterOwn = event.name === 'RunMicrotasks' && event.ts >= lastOwnEnd && event.ts - lastOwnEnd < 50;
    if (!own && !microtasksAfterOwn) continue;
    if (own) lastOwnEnd = end;
    if (end <= coveredUntil) continue;
    total += end - Math.max(event.ts, coveredUntil);
    coveredUntil = end;
  }
  return total / 1000;
}

/** One sample: first visit, the click, the returning visit, in a fresh context. */
async function measure(browser, origin, condition, placement, variant) {
  const context = await browser.newContext(DEVICE);
  try {
    const page = await context.newPage();
    const throttling = CONDITIONS[condition];
    if (throttling) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: throttling.latency,
        downloadThroughput: (throttling.downloadKbps * 1024) / 8,
        uploadThroughput: (throttling.uploadKbps * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttling.cpuSlowdown });
    }
    await page.addInitScript(observePage, { variant, cookie: COOKIE[variant], gtagPath: GTAG_PATH });
    const url = `${origin}/${args.hero}/${placement}/${variant}.html`;
    const files = widgetFiles[variant];
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (variant !== 'none') await page.waitForFunction(() => window.__bench.bannerAt !== undefined, null, { timeout: 60_000 });
    await page.evaluate(settle);
    const sample = await page.evaluate(readFirstVisit, files);
    if (variant === 'none') return sample;

    const box = await page.locator(ACCEPT[variant]).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => window.__bench.click?.painted !== undefined, null, { timeout: 30_000 });
    const click = await page.evaluate(() => window.__bench.click);
    if (!click.cookieWritten || !click.gtagInserted) {
      // Done later than the next paint: still done (or the bench is wrong, and says so).
      await page.waitForFunction(
        ({ cookie, gtagPath }) =>
          document.cookie.includes(`${cookie}=`) && document.querySelector(`script[src*="${gtagPath}"]:not([type="text/plain"])`),
        { cookie: COOKIE[variant], gtagPath: GTAG_PATH },
        { timeout: 10_000 },
      );
    }
    const { stored } = await (await page.waitForFunction(() => window.__bench.click.stored !== undefined && window.__bench.click, null, { timeout: 10_000 })).jsonValue();
    Object.assign(sample, {
      click: click.painted - click.start,
      clickStored: stored - click.start,
      clickDoneBeforePaint: click.cookieWritten && click.gtagInserted,
    });

    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(settle);
    const traceText = await browser.stopTracing();
    if (args['trace-dir']) {
      await mkdir(args['trace-dir'], { recursive: true });
      await writeFile(`${args['trace-dir']}/${condition}-${placement}-${variant}-${Date.now()}.json`, traceText);
    }
    const trace = JSON.parse(traceText);
    if (await page.evaluate(() => window.__bench.bannerAt !== undefined)) {
      throw new Error(`${variant}: the banner showed again on the returning visit`);
    }
    Object.assign(sample, {
      returningBytes: await page.evaluate(readTransferred, files),
      returningMainThread: widgetMainThreadTime(trace.traceEvents, origin, files),
    });
    return sample;
  } finally {
    await context.close();
  }
}

const server = await startBenchServer({ ...assets, ...pages() });
// Headless Chromium otherwise loads its omnibox popup (a WebUI renderer, ~200 ms of CPU at start)
// in every new window, competing with the page on this machine's two cores.
const launch = chromiumLaunchOptions();
const browser = await chromium.launch({
  ...launch,
  args: [...launch.args, '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup'],
});
/** samples[condition][placement][variant] = [sample, ...] */
const samples = {};
const started = Date.now();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const condition of conditions) {
      for (const placement of placementNames) {
        // Rotate the order each run, so that no variant always follows the same one.
        const order = VARIANTS.map((_, index) => VARIANTS[(index + run) % VARIANTS.length]);
        for (const variant of order) {
          const sample = await measure(browser, server.origin, condition, placement, variant);
          ((samples[condition] ??= {})[placement] ??= {})[variant] ??= [];
          samples[condition][placement][variant].push(sample);
        }
      }
    }
    process.stderr.write(`run ${run + 1}/${RUNS} done after ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

// ---- Report ----
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const values = (list, key) => list.map((sample) => sample[key]).filter((value) => typeof value === 'number');
const stats = (list, key) => {
  const found = values(list, key);
  return found.length ? { median: median(found), min: Math.min(...found), max: Math.max(...found) } : null;
};
const mostCommon = (list) => {
  const counts = new Map();
  for (const item of list) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([item, count]) => `${item} ${count}/${list.length}`).join(', ');
};

const ROWS = [
  { key: 'bytes', label: 'widget bytes, first visit', unit: 'B', digits: 0 },
  { key: 'bannerAt', label: 'banner painted', unit: 'ms', digits: 0 },
  { key: 'fcp', label: 'FCP', unit: 'ms', digits: 0 },
  { key: 'lcp', label: 'LCP', unit: 'ms', digits: 0, againstNone: true },
  { key: 'lcpElement', label: 'LCP element', text: true },
  { key: 'cls', label: 'CLS', digits: 3 },
  { key: 'tbt', label: 'TBT', unit: 'ms', digits: 0, againstNone: true },
  { key: 'click', label: 'click to next paint', unit: 'ms', digits: 1 },
  { key: 'clickStored', label: 'click to choice stored (cookie, gtag.js)', unit: 'ms', digits: 1 },
  { key: 'returningMainThread', label: 'returning visit: widget main thread', unit: 'ms', digits: 1 },
  { key: 'returningBytes', label: 'returning visit: widget bytes', unit: 'B', digits: 0 },
];
const format = (value, digits) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const summary = [];
const lines = [];
for (const condition of conditions) {
  for (const placement of placementNames) {
    const set = samples[condition][placement];
    lines.push('', `### ${condition}, ${placement === 'deferred' ? 'deferred' : 'without defer, in <head> above the Google snippet'} (${RUNS} loads each)`, '');
    lines.push(`| median (min-max) | ${VARIANTS.map((variant) => NAMES[variant]).join(' | ')} |`);
    lines.push(`|---|${VARIANTS.map(() => '---|').join('')}`);
    const ratios = {};
    for (const row of ROWS) {
      const cells = VARIANTS.map((variant) => {
        const list = set[variant];
        if (row.text) return mostCommon(list.map((sample) => sample[row.key]));
        const found = stats(list, row.key);
        if (!found) return '-';
        let cell = `${format(found.median, row.digits)} (${format(found.min, row.digits)}-${format(found.max, row.digits)})`;
        const none = stats(set.none, row.key);
        if (row.againstNone && variant !== 'none' && none) {
          const difference = found.median - none.median;
          cell += `, ${difference < 0 ? '-' : '+'}${format(Math.abs(difference), row.digits)}`;
        }
        const peer = stats(set.vanilla, row.key);
        if (variant !== 'none' && variant !== 'vanilla' && peer?.median) {
          const ratio = found.median / peer.median;
          cell += ` ${ratio.toFixed(2)}x`;
          if (variant === 'ours') ratios[row.key] = ratio;
        }
        return cell;
      });
      lines.push(`| ${row.label}${row.unit ? `, ${row.unit}` : ''} | ${cells.join(' | ')} |`);
    }
    const clickDone = set.ours.filter((sample) => sample.clickDoneBeforePaint).length;
    lines.push('', `Cookie written and gtag.js inserted before the click's next paint: ours ${clickDone}/${set.ours.length}, ` +
      `vanilla ${set.vanilla.filter((sample) => sample.clickDoneBeforePaint).length}/${RUNS}, klaro ${set.klaro.filter((sample) => sample.clickDoneBeforePaint).length}/${RUNS}.`);
    const lcpAdded = stats(set.ours, 'lcp').median - stats(set.none, 'lcp').median;
    const peerLcpAdded = stats(set.vanilla, 'lcp').median - stats(set.none, 'lcp').median;
    summary.push(
      `${condition}/${placement}: bytes ${ratios.bytes.toFixed(2)} banner ${ratios.bannerAt.toFixed(2)} ` +
        `click ${ratios.click.toFixed(2)} returning ${ratios.returningMainThread.toFixed(2)} ` +
        `lcp+ ${Math.round(lcpAdded)}ms (vanilla ${Math.round(peerLcpAdded)}ms)`,
    );
  }
}
console.log(
  `Cells: median (min-max) of ${RUNS} interleaved loads; "+N" is the difference to the page without a widget; ` +
    `"0.93x" the ratio of the medians to vanilla-cookieconsent's, from this run. Took ${Math.round((Date.now() - started) / 1000)} s.`,
);
console.log(lines.join('\n'));
console.log(`\nbench summary (ours / vanilla-cookieconsent): ${summary.join(' | ')}`);
