// Writes name.gz beside every text file of dist/ larger than 1 KB (gzip level 9), so that
// `steward serve` can send pre-compressed copies to browsers that accept gzip. Part of
// `npm run build`: Vite empties dist/ first, so no copy is ever older than its file.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest)$/;
let files = 0;
let before = 0;
let after = 0;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(full);
    } else if (compressible.test(entry.name) && statSync(full).size > 1024) {
      const data = readFileSync(full);
      const gz = gzipSync(data, { level: 9 });
      writeFileSync(`${full}.gz`, gz);
      files += 1;
      before += data.length;
      after += gz.length;
    }
  }
}

walk(root);
console.log(`compressed ${files} files: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB gzip`);
