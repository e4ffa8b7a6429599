/**
 * A rollup plugin that squeezes the whitespace out of Lit's html`` and css`` templates.
 * Terser leaves template strings alone, and every visitor downloads them.
 * It runs after TypeScript is stripped, so it can parse plain JavaScript.
 */
export function minifyTemplates() {
  /**
   * Class names get short names too (`a`, `b`, …): like private custom properties they never
   * leave the shadow root; `part` is what a page styles. One map for the whole build, because
   * the template and the sheet are separate modules.
   */
  const classes = new Map();
  const shortClass = (name) => {
    if (!classes.has(name)) classes.set(name, String.fromCharCode(97 + classes.size));
    return classes.get(name);
  };
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.includes('/src/ui/')) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && ['html', 'css'].includes(node.tag.name)) {
          const squeeze = (text) => (node.tag.name === 'css' ? squeezeCss : squeezeHtml)(text, shortClass);
          const { quasis } = node.quasi;
          quasis.forEach((quasi, index) => {
            let text = squeeze(code.slice(quasi.start, quasi.end));
            // Space at the very start or end of a template is only an empty text node.
            if (index === 0) text = text.trimStart();
            if (index === quasis.length - 1) text = text.trimEnd();
            edits.push([quasi.start, quasi.end, text]);
          });
          // css`` is String.raw: without a backslash or an expression, a plain template is the same string.
          if (node.tag.name === 'css' && quasis.length === 1 && !code.slice(node.quasi.start, node.quasi.end).includes('\\')) {
            edits.push([node.tag.start, node.tag.end, '']);
          }
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value === 'object') visit(value);
        }
      };
      visit(this.parse(code));
      let result = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        result = result.slice(0, start) + text + result.slice(end);
      }
      return { code: result, map: null };
    },
  };
}

/**
 * Whitespace between tags goes; so does a line break (and its indent) between a tag or an
 * expression and an expression, as in JSX: write a space on the same line where one must be kept.
 * An attribute value that is one plain word loses its quotes, as HTML allows, when a space or `>`
 * follows (never `/` or an expression, which would join the value). The templates' text is all in
 * expressions, so only attributes look like `name="word"`. Then what the HTML parser adds by itself
 * goes (the DOM is the same): the `/` of `/>`, which it ignores, and the end tags it implies, a
 * cell's before the next cell or the row's end and a paragraph's before its parent's end.
 */
function squeezeHtml(text, shortClass) {
  // Inside <svg> and <math> a `/>` closes the element: dropping it would nest what follows.
  if (/<(svg|math)\b/i.test(text)) throw new Error('minify-templates: keep the "/>" of SVG and MathML elements before using them in a template');
  return text
    .replace(/ class="([\w-]+)"/g, (_, name) => ` class="${shortClass(name)}"`)
    .replace(/>\s+</g, '><')
    .replace(/>\s*\n\s*$/, '>')
    .replace(/^\s*\n\s*</, '<')
    .replace(/^\s*\n\s*$/, '')
    .replace(/\s+/g, ' ')
    .replace(/( [\w-]+)="([\w-]+)"(?=[\s>])/g, '$1=$2')
    .replace(/ ?\/>/g, '>')
    .replace(/<\/t[dh]>(?=<t[dh]|<\/tr>)/g, '')
    .replace(/<\/p>(?=<\/(div|section|header|footer|details)>)/g, '');
}

/**
 * Private custom properties (`--_accent`) get short names (`--0`, a valid name too): they never
 * leave the shadow root, and :host sets every one of them, so none is inherited from the page.
 */
function shortenPrivateProperties(text) {
  const names = new Map();
  return text.replace(/--_[\w-]+/g, (name) => {
    if (!names.has(name)) names.set(name, `--${names.size.toString(36)}`);
    return names.get(name);
  });
}

function squeezeCss(text, shortClass) {
  // A class selector: a dot and a letter (`.5rem` is a number).
  return shortenPrivateProperties(text)
    .replace(/\.([a-z][\w-]*)/g, (_, name) => `.${shortClass(name)}`)
    .replace(/\/\*.*?\*\//gs, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .replace(/ !important/g, '!important')
    .replace(/='([\w-]+)'\]/g, '=$1]')
    .replace(/(^|[ :(,])0\./g, '$1.')
    // An at-rule's prelude needs no space before its parenthesis: `@media(max-height:30rem)`.
    .replace(/@media \(/g, '@media(')
    .trim();
}
