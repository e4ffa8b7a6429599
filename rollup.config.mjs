import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const typescript = esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

export default [
  // The script-tag build: everything in one minified file, Lit in its production mode.
  {
    input: 'src/embed.ts',
    // A hidden map: every visitor would download the sourceMappingURL comment for nothing.
    output: { file: 'dist/ib-cookie-consent.js', format: 'iife', sourcemap: 'hidden' },
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      typescript,
      minifyTemplates(),
      terser({ ecma: 2022, module: false, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } }),
    ],
  },
  // The ESM build for bundlers: Lit's packages and js-cookie stay imports so the site's bundle shares them.
  {
    input: 'src/index.ts',
    external: [/^(lit-html|@lit\/reactive-element)($|\/)/, 'js-cookie'],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [typescript],
  },
];
