import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { asciiOnly } from './scripts/ascii-only.mjs';
import { banner, isBanner, licenceTexts, subresourceIntegrity } from './scripts/distribution-files.mjs';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const typescript = esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

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
      // otherwise ask Trusted Types for its policy twice, which throws.
      intro: 'const loaded=Symbol.for("ib-cookie-consent.loaded");if(self[loaded])return;self[loaded]=1;',
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
        compress: { passes: 4, unsafe_arrows: true },
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
];
