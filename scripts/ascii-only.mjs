/**
 * A rollup plugin that makes the built file ASCII only. Terser's `ascii_only` escapes strings
 * but not template literals, where lit-html's templates and the CSS live: escape what is left
 * there (\u escapes mean the same in a cooked template), and fail the build on any other byte
 * above 0x7F, because a page and a script served without a charset are read as windows-1252.
 */
export function asciiOnly() {
  return {
    name: 'ascii-only',
    renderChunk(code) {
      // String.raw templates (the CSS) would keep an escape as text: the CSS must be ASCII itself.
      const escaped = code.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return { code: escaped, map: null };
    },
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const text = chunk.code;
        const index = text.search(/[^\0-\x7f]/);
        if (index >= 0) this.error(`${name} has a non-ASCII character at ${index}: ${JSON.stringify(text.slice(index - 20, index + 20))}`);
      }
    },
  };
}
