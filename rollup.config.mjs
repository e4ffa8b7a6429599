import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { asciiOnly } from './scripts/ascii-only.mjs';
import { banner, isBanner, licenceTexts, subresourceIntegrity } from './scripts/distribution-files.mjs';
import { minifyTemplates } from './scripts/minify-templates.mjs';

/**
 * The syntax of the README's browser range (Chrome and Edge 111, Firefox 115, Safari and iOS
 * 15.4: the first Safari with <dialog>): ES2022 without class static blocks (Safari 16.4).
 * Not esbuild's `safari15.4` target: that also rewrites private fields into WeakMaps, which
 * Safari 15 runs natively, for 400 bytes.
 */
const typescript = esbuild({ target: 'es2022', supported: { 'class-static-blocks': false }, tsconfig: 'tsconfig.json' });

export default [
  // The script-tag build: everything in one minified file, Lit in its production mode.
  {
    input: 'src/embed.ts',
    // A hidden map: every visitor would download the sourceMappingURL comment for nothing.
    output: {
      file: 'dist/ib-cookie-consent.js',
      format: 'iife',
      sourcemap: 'hidden',
      // A second copy of the script on the page stops before any module runs: lit-html would
      // otherwise ask Trusted Types for its policy twice, which throws. Then `document` and
      // `Object` become names of this function's own, as in the classic
      // `(function (document) {…})(document)`, so terser gives their 50-odd uses one-letter
      // names (-36 B min+gzip). Both are read from `window`, which a page cannot replace (`self`
      // it can: `var self = {}`).
      intro:
        'const loaded=Symbol.for("ib-cookie-consent.loaded");if(self[loaded])return;self[loaded]=1;' +
        'const document=window.document,Object=window.Object;',
      // The version and the bundled packages' licence notices (terser keeps this one comment).
      banner,
    },
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      typescript,
      minifyTemplates(),
      terser({
        ecma: 2022,
        module: false,
        // Methods for function-valued keys and no unused trailing parameters: nothing here news a
        // method or reads a function's length.
        compress: { passes: 4, unsafe_arrows: true, unsafe_methods: true, keep_fargs: false },
        // lit-html's internal fields (`_$AH`, `_$litPart$`, …) are already mangled by Lit's own build,
        // to names kept stable so that copies of Lit in one page can share templates and directives.
        // This file shares nothing with other copies: its templates go to its own render() alone,
        // so one-letter names serve as well (-55 B min+gzip).
        mangle: { properties: { regex: /^_\$/ } },
        // ASCII only: the copy must read right on a page served without a charset.
        format: { comments: isBanner, ascii_only: true },
      }),
      asciiOnly(),
      licenceTexts(),
      // Last: it hashes the file as written.
      subresourceIntegrity(),
    ],
  },
  // The ESM build for bundlers: Lit's packages and js-cookie stay imports so the site's bundle shares them.
  {
    input: 'src/index.ts',
    external: [/^(lit-html)($|\/)/, 'js-cookie'],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [typescript],
  },
  // The add-ons: each a second script tag, only on the pages that need it, built on the public API.
  addOn('src/embeds/index.ts', 'dist/ib-cookie-consent-embeds.js'), // pages with gated iframes
  addOn('src/gtm/index.ts', 'dist/ib-cookie-consent-gtm.js'), // sites that use Tag Manager
  // Sites that keep proof of consent; the receipts' JSON Schema goes beside it, for receivers.
  addOn('src/receipts/index.ts', 'dist/ib-cookie-consent-receipts.js', copyFile('server/receipt.schema.json')),
];

/** An add-on's script-tag build: one minified file with its SRI hash, no licence banner (our code alone). */
function addOn(input, file, ...extraPlugins) {
  return {
    input,
    output: { file, format: 'iife', sourcemap: 'hidden' },
    plugins: [
      ...extraPlugins,
      typescript,
      terser({ ecma: 2022, module: false, compress: { passes: 4, unsafe_arrows: true }, format: { comments: false, ascii_only: true } }),
      asciiOnly(),
      subresourceIntegrity(),
    ],
  };
}

/** A rollup plugin that writes a file of the project, as it is, beside the bundle in dist/. */
function copyFile(path) {
  return {
    name: 'copy-file',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: basename(path), source: readFileSync(path) });
    },
  };
}
