/**
 * A rollup plugin that squeezes the whitespace out of Lit's html`` and css`` templates.
 * Terser leaves template strings alone, and every visitor downloads them.
 * It runs after TypeScript is stripped, so it can parse plain JavaScript.
 */
export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.includes('/src/ui/')) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && ['html', 'css'].includes(node.tag.name)) {
          const squeeze = node.tag.name === 'css' ? squeezeCss : squeezeHtml;
          for (const quasi of node.quasi.quasis) {
            edits.push([quasi.start, quasi.end, squeeze(code.slice(quasi.start, quasi.end))]);
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

function squeezeHtml(text) {
  return text.replace(/>\s+</g, '><').replace(/\s+/g, ' ');
}

function squeezeCss(text) {
  return text
    .replace(/\/\*.*?\*\//gs, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .replace(/ !important/g, '!important')
    .replace(/='([\w-]+)'\]/g, '=$1]')
    .replace(/(^|[ :(,])0\./g, '$1.')
    .trim();
}
