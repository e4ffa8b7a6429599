/**
 * What the build writes next to dist/ib-cookie-consent.js for the people who deploy it: a banner
 * naming the version and the licences of what is bundled inside, the full licence texts, and the
 * file's Subresource Integrity hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * lit-html (BSD-3-Clause) and js-cookie (MIT) require their copyright notices to stay with every
 * copy. The banner keeps the short form each project ships in its own minified files; every
 * visitor downloads it, so the full texts go to a file beside it (licenceTexts()).
 */
export const banner = `/*! ib-cookie-consent ${version} | lit-html Copyright 2017 Google LLC, BSD-3-Clause | js-cookie, MIT */`;

/** Keeps only the banner when terser strips comments (JSDoc, the bundled packages' own notices). */
export const isBanner = (_node, comment) => comment.value.startsWith('! ib-cookie-consent ');

const BUNDLED = ['lit-html', 'js-cookie'];

/** A rollup plugin that writes `<file>.LICENSE.txt` beside the bundle: the full licence of each bundled package. */
export function licenceTexts() {
  return {
    name: 'licence-texts',
    generateBundle(options) {
      const texts = BUNDLED.map((name) => {
        const licence = readFileSync(new URL(`../node_modules/${name}/LICENSE`, import.meta.url), 'utf8').trim();
        return `${name}\n${'-'.repeat(name.length)}\n${licence}\n`;
      });
      const source = `ib-cookie-consent ${version} bundles these packages, under these licences.\n\n${texts.join('\n')}`;
      this.emitFile({ type: 'asset', fileName: `${options.file.split('/').pop()}.LICENSE.txt`, source });
    },
  };
}

/**
 * A rollup plugin that writes `<file>.sri`: the written file's sha384 integrity value, for
 * `<script integrity="…" crossorigin="anonymous">`. It hashes the file on disk, the bytes a
 * browser checks, after every other plugin has run.
 */
export function subresourceIntegrity() {
  return {
    name: 'subresource-integrity',
    writeBundle(options) {
      const hash = createHash('sha384').update(readFileSync(options.file)).digest('base64');
      writeFileSync(`${options.file}.sri`, `sha384-${hash}\n`);
    },
  };
}
