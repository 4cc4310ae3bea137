// A Vite plugin that measures the JavaScript a first page load fetches (the
// entry chunk and every chunk it imports statically, gzipped) and fails the
// build when it exceeds the budget.  Pages loaded later (dynamic imports) do
// not count.
import zlib from 'node:zlib';

/** Sum of the gzipped sizes of the entry chunks and their static imports. */
export function initialJsSize(bundle) {
  const seen = new Set();
  const stack = [];
  for (const [name, out] of Object.entries(bundle))
    if (out.type === 'chunk' && out.isEntry) stack.push(name);
  let raw = 0;
  let gz = 0;
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    const chunk = bundle[name];
    if (!chunk || chunk.type !== 'chunk') continue;
    raw += Buffer.byteLength(chunk.code);
    gz += zlib.gzipSync(chunk.code, { level: 9 }).length;
    for (const imp of chunk.imports || []) stack.push(imp);
  }
  return { files: [...seen], raw, gz };
}

export function budget({ limitKiB = 600 } = {}) {
  return {
    name: 'dangjian-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const { files, raw, gz } = initialJsSize(bundle);
      const kib = (n) => (n / 1024).toFixed(1);
      const msg = `initial JavaScript: ${files.length} files, ${kib(raw)} KiB, ${kib(gz)} KiB gzipped (budget ${limitKiB} KiB gzipped)`;
      console.log(`\n  ${msg}`);
      if (gz > limitKiB * 1024) this.error(`over budget — ${msg}`);
    },
  };
}
