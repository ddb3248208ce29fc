/**
 * What a delegate's phone downloads before it can ask for the floor: the
 * entry script and every chunk it imports statically (Vite's manifest says
 * which), plus one dictionary. Read from the built web app (`pnpm build`).
 * The editor (Lexical, Yjs), the command schemas' validator (zod) and the
 * other languages' strings must come later, when a view needs them. The
 * page's own inline script asks for the dictionary and the state meanwhile.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltWeb } from '../support/browser';
import { ROOT } from '../support/server';

const DIST = join(ROOT, 'packages/web/dist');
const BUDGET_GZIP_BYTES = 150 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

let manifest: Manifest;
beforeAll(() => {
  requireBuiltWeb();
  manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
});

/** The chunks loaded with `key`, before any dynamic import runs. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const k of manifest[key]!.imports ?? []) staticClosure(k, seen);
  return seen;
}

const code = (key: string) => readFileSync(join(DIST, manifest[key]!.file), 'utf8');
const gzipped = (key: string) => gzipSync(readFileSync(join(DIST, manifest[key]!.file)), { level: 9 }).length;
const dictionaries = () => Object.keys(manifest).filter((k) => /i18n\/ui\/(ar|zh|en|fr|ru|es)\.ts$/.test(k));

describe('the first load', () => {
  it('carries no editor, no command validator and no dictionary', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const first = staticClosure(entry);
    const text = [...first].map(code).join('\n');
    expect(text).not.toContain('Yjs was already imported');
    expect(text).not.toMatch(/Minified Lexical error|lexical/i);
    expect(text).not.toContain('ZodError');
    expect(dictionaries()).toHaveLength(6);
    for (const d of dictionaries()) expect(first.has(d), d).toBe(false);
    // ...which are in the build all the same, loaded when a view needs them.
    const all = Object.keys(manifest).map(code).join('\n');
    expect(all).toContain('Yjs was already imported');
    expect(all).toContain('ZodError');
  });

  it('weighs at most 150 KB gzipped with the largest dictionary', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const scripts = [...staticClosure(entry)].reduce((sum, k) => sum + gzipped(k), 0);
    const dictionary = Math.max(...dictionaries().map(gzipped));
    expect(scripts + dictionary).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('runs on Preact: no React DOM anywhere in the build (two renderers would split the hooks)', () => {
    const all = Object.keys(manifest).map(code).join('\n');
    // React DOM's production build links its errors to react.dev; preact/compat maps React's events (onDoubleClick).
    expect(all).not.toContain('react.dev/errors');
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    expect([...staticClosure(entry)].map(code).join('\n')).toContain('ondoubleclick');
  });

  it('loads the delegation view with the entry, every other view on demand', () => {
    const lazy = ['ChairConsole', 'SetupView', 'TextView', 'ReportView', 'RoomScreen', 'PublicView', 'ParagraphStory'];
    for (const view of lazy) {
      const key = Object.keys(manifest).find((k) => k.endsWith(`/${view}.tsx`));
      expect(key, view).toBeTruthy();
      expect(manifest[key!]!.isDynamicEntry, view).toBe(true);
    }
  });
});

describe('the page’s first script', () => {
  const page = () => readFileSync(join(DIST, 'index.html'), 'utf8');

  it('is inline, right after the charset, before the stylesheet and the app’s scripts', () => {
    const html = page();
    const inline = html.search(/<script>/);
    expect(inline).toBeGreaterThan(html.indexOf('<meta charset="UTF-8" />'));
    expect(inline).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
    expect(inline).toBeLessThan(html.indexOf('<script type="module"'));
    expect(inline).toBeLessThan(html.indexOf('<link rel="modulepreload"'));
  });

  it('knows where every language’s dictionary is in this build, and asks for the meeting’s state', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(page())![1]!;
    for (const d of dictionaries()) expect(script, d).toContain(`"/${manifest[d]!.file}"`);
    expect(script).toContain('/api/meetings/');
    expect(script).toContain('/state');
    expect(script).toContain('modulepreload');
  });
});

describe('the built files', () => {
  it('hold no source map, and a compressed copy of each script', () => {
    const assets = readdirSync(join(DIST, 'assets'));
    expect(assets.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of assets.filter((f) => f.endsWith('.js'))) {
      expect(existsSync(join(DIST, 'assets', `${f}.gz`)), f).toBe(true);
      expect(existsSync(join(DIST, 'assets', `${f}.br`)), f).toBe(true);
      expect(readFileSync(join(DIST, 'assets', f), 'utf8'), f).not.toContain('sourceMappingURL');
    }
  });
});
