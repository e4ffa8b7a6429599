/**
 * The package as a site's developer gets it: `npm pack`, installed from the tarball into a
 * throwaway project, bundled by rollup and esbuild, type-checked by tsc --strict, imported and
 * required in Node (server rendering). Also what the build writes beside the script-tag file:
 * its version banner, licence texts and SRI hash.
 * Installing needs lit-html and js-cookie from npm's cache or, failing that, the npm registry.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const built = readFileSync(join(root, 'dist/ib-cookie-consent.js'), 'utf8');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

describe('the built script-tag file', () => {
  it('src/version.ts says the version package.json says', () => {
    assert.equal(readFileSync(join(root, 'src/version.ts'), 'utf8'), `export const version = '${pkg.version}';\n`);
  });

  it('starts with a banner naming the version and keeping lit-html\'s and js-cookie\'s licence notices', () => {
    const banner = built.slice(0, built.indexOf('*/') + 2);
    assert.match(banner, new RegExp(`^/\\*! ib-cookie-consent ${pkg.version.replaceAll('.', '\\.')} \\|`));
    assert.match(banner, /lit-html Copyright 2017 Google LLC, BSD-3-Clause/);
    assert.match(banner, /js-cookie, MIT/);
    // The element's JSDoc (the manifest's source) and the packages' own comments are stripped.
    assert.doesNotMatch(built.slice(banner.length), /@csspart|@license|@attr|\/\*!/);
  });

  it('has the full licence texts beside it', () => {
    const texts = readFileSync(join(root, 'dist/ib-cookie-consent.js.LICENSE.txt'), 'utf8');
    assert.ok(texts.includes(readFileSync(join(root, 'node_modules/lit-html/LICENSE'), 'utf8').trim()));
    assert.ok(texts.includes(readFileSync(join(root, 'node_modules/js-cookie/LICENSE'), 'utf8').trim()));
  });

  it('has its sha384 SRI value beside it, computed from the bytes served (the embeds add-on too)', () => {
    for (const file of ['dist/ib-cookie-consent.js', 'dist/ib-cookie-consent-embeds.js']) {
      const expected = `sha384-${createHash('sha384').update(readFileSync(join(root, file))).digest('base64')}`;
      assert.equal(readFileSync(join(root, `${file}.sri`), 'utf8'), `${expected}\n`, file);
    }
  });
});

describe('a consumer project that installed the packed tarball', () => {
  let project;
  let packed;
  /** Runs `node` in the project; returns its exit status, stdout and stderr. */
  const runNode = (args) => spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
  const write = (name, text) => writeFileSync(join(project, name), text);

  before(() => {
    project = mkdtempSync(join(tmpdir(), 'ib-consent-consumer-'));
    const [{ filename, files }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: root, encoding: 'utf8' }));
    packed = files.map(({ path }) => path);
    write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${filename}`], { cwd: project, stdio: 'pipe' });
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('ships what exports, types and the manifest point at, and no sources', () => {
    const targets = [pkg.types, ...Object.values(pkg.exports).flatMap((target) => (typeof target == 'string' ? [target] : Object.values(target)))];
    const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
    const modules = manifest.modules.map(({ path }) => path);
    for (const file of [...targets.map((target) => target.replace(/^\.\//, '')), ...modules, 'dist/ib-cookie-consent.js.sri', 'dist/ib-cookie-consent.js.LICENSE.txt', 'dist/ib-cookie-consent-embeds.js.sri']) {
      assert.ok(packed.includes(file), `${file} is not in the tarball`);
    }
    assert.deepEqual(packed.filter((file) => file.startsWith('src/') || file.startsWith('test/')), []);
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['js-cookie', 'lit-html']);
  });

  /** The widget is in a bundle when its banner copy, its tag name and its element are. */
  const widget = [/Alles accepteren/, /ib-cookie-consent/, /attachShadow/];
  /** The embeds add-on is when its placeholder's classes and its iframe gate are. */
  const embeds = [/ib-embed-once/, /data-src/];
  const entries = {
    'the ESM entry': ["import { start } from 'ib-cookie-consent';\nstart({ privacyUrl: '/privacy' });\n", widget],
    'the script-tag file': ["import 'ib-cookie-consent/ib-cookie-consent.js';\n", widget],
    'the embeds add-on': ["import 'ib-cookie-consent/ib-cookie-consent-embeds.js';\n", embeds],
  };
  const assertContains = (code, markers, what) => {
    for (const marker of markers) assert.match(code, marker, `${what} is not in the bundle`);
  };

  for (const [what, [source, markers]] of Object.entries(entries)) {
    it(`rollup keeps ${what} when bundling it`, async () => {
      const input = join(project, `rollup-${what.replaceAll(' ', '-')}.js`);
      writeFileSync(input, source);
      const bundle = await rollup({ input, plugins: [nodeResolve({ browser: true })], onwarn: (warning) => assert.fail(String(warning)) });
      const { output } = await bundle.generate({ format: 'es' });
      await bundle.close();
      assertContains(output[0].code, markers, what);
    });

    it(`esbuild keeps ${what} when bundling it`, async () => {
      const input = join(project, `esbuild-${what.replaceAll(' ', '-')}.js`);
      writeFileSync(input, source);
      const result = await esbuild({ entryPoints: [input], bundle: true, write: false, format: 'esm', platform: 'browser', absWorkingDir: project, logLevel: 'silent' });
      assertContains(result.outputFiles[0].text, markers, what);
    });
  }

  /** tsc --strict on one file of the project, the way a site's TypeScript build would. */
  const typeCheck = (file, source, moduleResolution) => {
    write(file, source);
    const args = [tsc, '--strict', '--noEmit', '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', '--module', moduleResolution === 'bundler' ? 'esnext' : 'nodenext', '--moduleResolution', moduleResolution, file];
    const { status, stdout, stderr } = runNode(args);
    assert.equal(status, 0, `tsc (${moduleResolution}) on ${file}:\n${stdout}${stderr}`);
  };
  // Each listener's detail is typed: the @ts-expect-error lines fail if it were `any`.
  const listeners = `import { start, IbCookieConsent } from 'ib-cookie-consent';
import type { ConsentChange, ConsentRecord } from 'ib-cookie-consent';
const element: IbCookieConsent = document.querySelector('ib-cookie-consent')!;
element.addEventListener('ib-consent-change', (event) => {
  const change: ConsentChange = event.detail;
  // @ts-expect-error granted is a list of ids
  const wrong: number = event.detail.granted;
  console.log(change, wrong);
});
document.addEventListener('ib-consent-ready', (event) => {
  const record: ConsentRecord | null = event.detail.record;
  // @ts-expect-error the record may be null
  console.log(record, event.detail.record.categories);
});
window.addEventListener('ib-consent-change', (event) => {
  const revoked: string[] = event.detail.revoked;
  // @ts-expect-error detail is no string
  const wrong: string = event.detail;
  console.log(revoked, wrong);
});
const api = start({ gaId: 'G-XXXXXXXXXX' });
const granted: boolean = api.has('analytics');
console.log(granted);
`;
  const scriptTag = `import 'ib-cookie-consent/ib-cookie-consent.js';
import 'ib-cookie-consent/ib-cookie-consent-embeds.js';
const granted: boolean | undefined = window.ibConsent?.has('analytics');
window.addEventListener('ib-consent-change', (event) => console.log(granted, event.detail.granted));
`;
  for (const moduleResolution of ['bundler', 'nodenext']) {
    it(`types the events on the element, document and window under tsc --strict (${moduleResolution})`, () => {
      typeCheck(`listeners-${moduleResolution}.ts`, listeners, moduleResolution);
    });

    it(`types the script-tag imports and window.ibConsent under tsc --strict (${moduleResolution})`, () => {
      typeCheck(`script-tag-${moduleResolution}.ts`, scriptTag, moduleResolution);
    });
  }

  const serverUse = `
const calls = [get(), has('analytics'), has('necessary'), typeof start().has, start().get(), version];
console.log(JSON.stringify(calls));`;

  it('imports in Node: get() and has() answer "nothing granted", start() does nothing and says so once', () => {
    const { status, stdout, stderr } = runNode(['--input-type=module', '-e', `import { get, has, start, version } from 'ib-cookie-consent';${serverUse}`]);
    assert.equal(status, 0, stderr);
    assert.deepEqual(JSON.parse(stdout), [null, false, true, 'function', null, pkg.version]);
    assert.deepEqual(stderr.trim().split('\n'), ['[ib-cookie-consent] start() does nothing outside a browser (no document): call it in the page.']);
  });

  // Node 20.19 and 22.12 require ES modules without a flag; 20.17 and 22.0 with it; older not at all.
  const [major, minor] = process.versions.node.split('.').map(Number);
  const requireFlags = process.features.require_module ? [] : ['--experimental-require-module'];
  const cannotRequire = major < 20 || (major === 20 && minor < 17) ? `Node ${process.versions.node} cannot require() ES modules` : false;
  it(`require()s in Node${requireFlags.length ? ' with --experimental-require-module' : ''}`, { skip: cannotRequire }, () => {
    const { status, stdout, stderr } = runNode([...requireFlags, '-e', `const { get, has, start, version } = require('ib-cookie-consent');${serverUse}`]);
    assert.equal(status, 0, stderr);
    assert.deepEqual(JSON.parse(stdout), [null, false, true, 'function', null, pkg.version]);
  });
});
