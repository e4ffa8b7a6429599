/**
 * `cem analyze` (in `npm run build`) writes dist/custom-elements.json from the element's JSDoc
 * (src/ui/ib-cookie-consent.ts). The plugin below turns the analyzer's view of the sources into
 * what a package user has: paths of shipped files, the tag the script defines, public members only.
 * test/e2e/manifest.test.mjs checks the result against the built element.
 */

/**
 * Where each analysed source ships: the ESM build keeps the folders (rollup preserveModules).
 * The analyzer names a source by its path (`src/ui/x.ts`) or by its import (`/src/ui/x.js`).
 */
const shipped = (path) => path.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/esm/$1.js');
/** `floating-button` → `floatingButton`: the rule the widget reads attributes by (options.ts). */
const camelCase = (name) => name.replace(/-./g, (dash) => dash[1].toUpperCase());

/** Rewrites every `module` reference (declarations, exports, superclasses, inherited members). */
function relink(value) {
  if (Array.isArray(value)) return value.forEach(relink);
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'path' || key === 'module') && typeof child === 'string') value[key] = shipped(child);
    else relink(child);
  }
}

function shippedFiles() {
  return {
    name: 'ib-shipped-files',
    packageLinkPhase({ customElementsManifest: manifest }) {
      relink(manifest.modules);
      for (const { declarations = [] } of manifest.modules) {
        for (const declaration of declarations) {
          // `#private` fields and methods are no one's API; the analyzer lists them anyway.
          declaration.members = declaration.members?.filter(({ privacy }) => privacy !== 'private');
          // An attribute that mirrors a property says so, both ways.
          for (const attribute of declaration.attributes ?? []) {
            const field = declaration.members.find(({ kind, name }) => kind === 'field' && name === camelCase(attribute.name));
            if (!field) continue;
            attribute.fieldName = field.name;
            field.attribute = attribute.name;
          }
          // The schema calls a custom property's type its syntax, as CSS @property does.
          for (const property of declaration.cssProperties ?? []) {
            if (property.type) property.syntax = property.type.text;
            delete property.type;
          }
        }
      }
      // The element base extends `globalThis.HTMLElement ?? …` (importable in Node), an expression
      // the analyzer cannot name; in a browser it is HTMLElement.
      for (const { declarations = [] } of manifest.modules) {
        for (const declaration of declarations) {
          if (declaration.superclass && !declaration.superclass.name) declaration.superclass = { name: 'HTMLElement', package: 'global:' };
        }
      }
      // The tag is defined by start() with a name it may have to change (see start.ts), so the
      // analyzer sees no customElements.define() call; the script-tag file is what defines it.
      const element = manifest.modules.flatMap(({ path, declarations = [] }) =>
        declarations.filter(({ tagName }) => tagName).map(({ name, tagName }) => ({ name, tagName, module: path })),
      );
      manifest.modules.push({
        kind: 'javascript-module',
        path: 'dist/ib-cookie-consent.js',
        exports: element.map(({ name, tagName, module }) => ({
          kind: 'custom-element-definition',
          name: tagName,
          declaration: { name, module },
        })),
      });
    },
  };
}

export default {
  globs: ['src/ui/ib-cookie-consent.ts', 'src/ui/render-element.ts'],
  outdir: 'dist',
  // package.json names the manifest itself ("customElements"); the build does not rewrite it.
  packagejson: false,
  plugins: [shippedFiles()],
};
