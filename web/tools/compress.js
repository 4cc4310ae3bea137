// A Vite plugin that writes a gzip and a brotli copy beside every text file
// of the build (NAME.gz, NAME.br) once the bundle is on disk; the server
// (src/http/static.c) sends a copy when the browser's Accept-Encoding takes
// it.  Node's own zlib: no package.  A copy no smaller than its original,
// or an original under `minBytes`, is not written.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/** The copies of one file's bytes: [{suffix, data}] worth keeping. */
export function compressedCopies(data, { minBytes = 1024 } = {}) {
  if (data.length < minBytes) return [];
  const out = [
    { suffix: '.gz', data: zlib.gzipSync(data, { level: 9 }) },
    {
      suffix: '.br',
      data: zlib.brotliCompressSync(data, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }),
    },
  ];
  return out.filter((c) => c.data.length < data.length);
}

export function compress({ minBytes = 1024 } = {}) {
  return {
    name: 'dangjian-compress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir || 'dist';
      let files = 0;
      let raw = 0;
      let gz = 0;
      for (const name of Object.keys(bundle)) {
        if (!TEXT.test(name)) continue;
        const file = path.join(dir, name);
        const data = fs.readFileSync(file);
        const copies = compressedCopies(data, { minBytes });
        for (const c of copies) fs.writeFileSync(file + c.suffix, c.data);
        if (copies.length) {
          files++;
          raw += data.length;
          gz += copies.find((c) => c.suffix === '.gz')?.data.length ?? data.length;
        }
      }
      const kib = (n) => (n / 1024).toFixed(1);
      console.log(`\n  precompressed ${files} files: ${kib(raw)} KiB → ${kib(gz)} KiB gzipped (and .br)`);
    },
  };
}
