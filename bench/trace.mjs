/**
 * Where the main thread's time goes, for the bench's throttled page: the click on "Alles
 * accepteren" up to its next painted frame, or the first visit up to the banner's first frame.
 * A Chromium trace (style, layout, paint, each task) and a V8 CPU profile at 100 us (our
 * functions by name, inclusive), summed over several loads, each a fresh context. With
 * `--readable`, our widget is served unminified (esbuild, same source and production lit-html),
 * so that the profile names our functions; the phases are measured on the shipped file without it.
 *
 *   node bench/trace.mjs [--variant ours|vanilla] [--phase click|first] [--runs N] [--readable]
 *     [--placement deferred|head-sync] [--unthrottled] [--no-profile] [--timeline] [--widget FILE]
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { assets, GTAG_PATH, pages } from './pages.mjs';
import { startBenchServer } from './server.mjs';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

const { values: args } = parseArgs({
  options: {
    variant: { type: 'string', default: 'ours' },
    phase: { type: 'string', default: 'click' },
    runs: { type: 'string', default: '5' },
    placement: { type: 'string', default: 'deferred' },
    readable: { type: 'boolean', default: false },
    unthrottled: { type: 'boolean', default: false },
    // Without the CPU profile: its sampling slows the page; the phases are then closer to the bench's.
    'no-profile': { type: 'boolean', default: false },
    // Prints each run's window as a timeline: every event of 0.2 ms or more, nested by depth.
    timeline: { type: 'boolean', default: false },
    // Serves this built file as ours instead of dist/ib-cookie-consent.js (to compare two builds).
    widget: { type: 'string' },
  },
});
const DEVICE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const ACCEPT = { ours: 'ib-cookie-consent section [part~=accept]', vanilla: '#cc-main .cm [data-role=all]' };
const BANNER = { ours: 'ib-cookie-consent section', vanilla: '#cc-main .cm' };

const files = { ...assets, ...pages() };
if (args.widget) files['/ib-cookie-consent.js'] = { body: readFileSync(args.widget), type: 'text/javascript' };
if (args.readable) {
  const { outputFiles } = await build({
    entryPoints: [new URL('../src/embed.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    conditions: ['production'],
    write: false,
  });
  files['/ib-cookie-consent.js'] = { body: outputFiles[0].contents, type: 'text/javascript' };
}
const server = await startBenchServer(files);
const launch = chromiumLaunchOptions();
const browser = await chromium.launch({ ...launch, args: [...launch.args, '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup'] });

/** In the page: the click's timestamp and the end of its next frame, as the bench measures them; the banner's first frame. */
function observe(banner) {
  const bench = (window.__trace = {});
  addEventListener('click', (event) => {
    if (bench.click) return;
    bench.click = { start: event.timeStamp };
    requestAnimationFrame((frame) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => Object.assign(bench.click, { frame, painted: performance.now() });
      channel.port2.postMessage(null);
    });
  }, { capture: true });
  const poll = (frame) => {
    const found = document.querySelector(banner.split(' ')[0]);
    const element = banner.includes(' ') && found?.shadowRoot ? found.shadowRoot.querySelector(banner.split(' ')[1]) : document.querySelector(banner);
    if (element?.getClientRects().length && getComputedStyle(element).visibility === 'visible' && Number(getComputedStyle(element).opacity) > 0) bench.bannerAt = frame;
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading'];
const profiling = !args['no-profile'];
const phases = new Map();
const functions = new Map();
const selfTimes = new Map();
const totals = [];
const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);

for (let run = 0; run < Number(args.runs); run++) {
  const context = await browser.newContext(DEVICE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (!args.unthrottled) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.addInitScript(observe, BANNER[args.variant]);
  const url = `${server.origin}/image/${args.placement}/${args.variant}.html`;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (args.phase === 'first') {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    if (profiling) await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__trace.bannerAt !== undefined, null, { timeout: 60_000 });
  } else {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__trace.bannerAt !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    if (profiling) await cdp.send('Profiler.start');
    const box = await page.locator(ACCEPT[args.variant]).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => window.__trace.click?.painted !== undefined, null, { timeout: 30_000 });
  }
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  const { profile } = profiling ? await cdp.send('Profiler.stop') : { profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0 } };
  const trace = JSON.parse(await browser.stopTracing());
  const measured = await page.evaluate(() => window.__trace);
  await context.close();

  // The page's main thread, and the window to attribute: the click's dispatch (its input task) up to
  // the end of the frame the bench waits for; or navigation start up to the banner's first frame.
  const events = trace.traceEvents;
  const main = events.findLast((e) => e.name === 'ParseHTML' || (e.name === 'EventDispatch' && e.args?.data?.type === 'click'));
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  let from;
  let to;
  if (args.phase === 'click') {
    const input = onMain.find((e) => e.name === 'EventDispatch' && ['pointerup', 'mouseup'].includes(e.args?.data?.type)) ??
      onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    from = input.ts;
    const click = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    // The frame after the click: its first Paint (or Commit) that starts after the click's handler ended.
    const paint = onMain.find((e) => e.name === 'Commit' && e.ts > click.ts + click.dur) ?? onMain.find((e) => e.name === 'Paint' && e.ts > click.ts);
    to = paint.ts + paint.dur;
    totals.push({ wall: measured.click.painted - measured.click.start, traced: (to - from) / 1000 });
  } else {
    // From the widget's script starting to run to the end of the first frame after it: what the
    // widget adds before its banner can show (the download before it is the network's).
    const script = args.variant === 'ours' ? 'ib-cookie-consent.js' : 'cookieconsent.umd.js';
    const evaluate = onMain.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(script));
    from = evaluate.ts;
    const commit = onMain.find((e) => e.name === 'Commit' && e.ts > evaluate.ts + evaluate.dur);
    to = commit.ts + commit.dur;
    totals.push({ wall: measured.bannerAt, traced: (to - from) / 1000 });
  }
  // Top-level tasks' time by the kind of work inside them: nested events counted once, at the deepest known kind.
  const KINDS = ['FunctionCall', 'EventDispatch', 'EvaluateScript', 'v8.compile', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'ParseHTML', 'ParseAuthorStyleSheet', 'HitTest', 'IntersectionObserverController::computeIntersections', 'UpdateLayer', 'Decode Image', 'GPUTask', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER'];
  const inWindow = onMain.filter((e) => e.ts < to && e.ts + e.dur > from);
  // Self time per event name (duration minus children on the same thread).
  const stack = [];
  const self = new Map();
  for (const event of inWindow) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= event.ts) stack.pop();
    const parent = stack.at(-1);
    const start = Math.max(event.ts, from);
    const end = Math.min(event.ts + event.dur, to);
    const own = Math.max(0, end - start);
    add(self, event, own);
    if (parent) add(self, parent, -own);
    // Thread time of the outermost tasks: the CPU the main thread used, whatever else the machine ran.
    else if (event.tdur !== undefined) totals.at(-1).cpu = (totals.at(-1).cpu ?? 0) + (event.tdur * own) / event.dur / 1000;
    stack.push(event);
  }
  if (args.timeline) {
    const open = [];
    for (const event of inWindow) {
      while (open.length && open.at(-1) <= event.ts) open.pop();
      if (event.dur >= 200) {
        const detail = event.args?.data?.type ?? event.args?.data?.functionName ?? event.args?.data?.url?.split('/').pop() ?? '';
        console.log(`${((event.ts - from) / 1000).toFixed(2).padStart(8)} ${(event.dur / 1000).toFixed(2).padStart(7)} ${'  '.repeat(open.length)}${event.name} ${detail}`);
      }
      open.push(event.ts + event.dur);
    }
  }
  for (const [event, time] of self) {
    const kind = KINDS.includes(event.name) ? event.name : event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask' ? '(task, other)' : `(${event.name})`;
    add(phases, kind, time / 1000);
  }

  // The CPU profile: sample timestamps on the same clock as the trace.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? profile.timeDeltas[i + 1] : 0;
    if (time < from || time > to) continue;
    const weight = next / 1000;
    let id = profile.samples[i];
    const leaf = nodes.get(id).callFrame;
    add(selfTimes, `${leaf.functionName || '(anonymous)'} ${leaf.url.split('/').pop()}:${leaf.lineNumber}`, weight);
    const seen = new Set();
    while (id !== undefined) {
      const { functionName, url, lineNumber } = nodes.get(id).callFrame;
      const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
      if (!seen.has(name)) add(functions, name, weight);
      seen.add(name);
      id = parents.get(id);
    }
  }
  process.stderr.write(`run ${run + 1}: ${JSON.stringify(totals.at(-1))}\n`);
}
await browser.close();
await server.close();

const runs = Number(args.runs);
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
console.log(`${args.variant} ${args.phase} ${args.placement} ${args.unthrottled ? 'unthrottled' : 'throttled'}${args.readable ? ' (readable build)' : ''}, ${runs} runs`);
console.log(`measured in page (ms): median ${median(totals.map((t) => t.wall)).toFixed(1)}; traced window median ${median(totals.map((t) => t.traced)).toFixed(1)}; main-thread CPU in it median ${median(totals.map((t) => t.cpu ?? 0)).toFixed(1)}`);
console.log('\nmain thread in the window, by kind of work (self time, ms per run):');
for (const [kind, time] of [...phases].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(time / runs).toFixed(2).padStart(8)}  ${kind}`);
console.log('\nCPU profile, inclusive (ms per run):');
for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${(time / runs).toFixed(2).padStart(8)}  ${name}`);
console.log('\nCPU profile, self (ms per run):');
for (const [name, time] of [...selfTimes].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(time / runs).toFixed(2).padStart(8)}  ${name}`);
