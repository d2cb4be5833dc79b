/**
 * `renderer_initial_js_kb`: the JavaScript a browser loads before the first page (Overview) paints, gzip-compressed:
 * the entry script, every module it imports statically, and the Overview page's own chunk with its imports.
 * Builds the renderer into a temporary folder first.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g;

function staticClosure(assets: string, start: string, seen: Set<string>): void {
  if (seen.has(start)) return;
  seen.add(start);
  const code = readFileSync(join(assets, start), 'utf8');
  for (const m of code.matchAll(STATIC_IMPORT)) staticClosure(assets, m[1]!, seen);
}

export async function benchRendererInitialJs(firstPage = 'OverviewPage'): Promise<{ initialKb: number; totalKb: number; files: string[] }> {
  const out = mkdtempSync(join(tmpdir(), 'flowdeck-renderer-size-'));
  try {
    await build({ configFile: 'renderer/vite.config.ts', logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const entry = /<script[^>]+src="\.\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
    if (!entry) throw new Error('the built index.html names no entry script');
    const assets = join(out, 'assets');
    const seen = new Set<string>();
    staticClosure(assets, entry, seen);
    const lazyPages = [...seen].flatMap((f) => [...readFileSync(join(assets, f), 'utf8').matchAll(DYNAMIC_IMPORT)].map((m) => m[1]!));
    const page = lazyPages.find((f) => f.startsWith(`${firstPage}-`));
    if (!page) throw new Error(`the entry does not load ${firstPage} on demand`);
    staticClosure(assets, page, seen);
    const gz = (f: string) => gzipSync(readFileSync(join(assets, f))).length;
    const total = readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(f), 0);
    return { initialKb: [...seen].reduce((n, f) => n + gz(f), 0) / 1024, totalKb: total / 1024, files: [...seen] };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
