import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every built script and stylesheet, raw and gzipped, and what each entrypoint loads in all. */
export function bundleSizes(dir: string) {
  const sizes: Record<string, { bytes: number; gzipBytes: number }> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = path.join(sub, name);
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else if (/\.(js|css)$/.test(name)) {
        const body = readFileSync(path.join(dir, rel));
        sizes[rel] = { bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
      }
    }
  };
  walk('');
  /** An HTML entrypoint loads its own chunk plus the shared chunks it preloads. */
  const entry = (files: string[]) => files.reduce((sum, f) => sum + (sizes[f]?.gzipBytes ?? 0), 0);
  const htmlDeps = (html: string) =>
    [...readFileSync(path.join(dir, html), 'utf8').matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return {
    files: sizes,
    entrypointsGzipBytes: {
      'content-scripts/x (content script)': entry(['content-scripts/x.js']),
      background: entry(['background.js']),
      popup: entry(htmlDeps('popup.html')),
      sidepanel: entry(htmlDeps('sidepanel.html')),
    },
  };
}
