// A Rollup plugin that squeezes the whitespace out of Lit's css`` and html`` templates
// before terser runs (terser keeps template text as written). Every byte of the bundle is
// paid on every page view of the sites that embed it.
//   css: comments dropped, runs of whitespace folded, none kept around { } ; , > or after :
//   html: runs of whitespace folded to one space (one space still separates inline content)
const fold = {
  css: (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}'),
  html: (text) => text.replace(/\s+/g, ' ').replace(/> </g, '><'),
};

export function minifyTemplates() {
  return {
    name: 'minify-templates',
    // After the TypeScript plugin, on our own modules, where the tags still read css and html.
    transform(code, id) {
      if (!id.includes('/src/')) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier') {
          const kind = node.tag.name === 'css' ? 'css' : node.tag.name === 'html' ? 'html' : undefined;
          if (kind) for (const quasi of node.quasi.quasis) edits.push([quasi.start, quasi.end, fold[kind](quasi.value.raw)]);
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value.type === 'string') visit(value);
        }
      };
      visit(this.parse(code));
      if (!edits.length) return null;
      edits.sort((a, b) => b[0] - a[0]);
      let out = code;
      for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
