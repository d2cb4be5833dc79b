// Colour tokens: every badge and chip pair stays readable (WCAG AA, 4.5:1) in light and dark, and every var(--…) the
// renderer uses is defined, so no component silently falls back to a light-theme colour in dark mode.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RENDERER = fileURLToPath(new URL('..', import.meta.url));
const TOKENS = readFileSync(path.join(RENDERER, 'styles', 'tokens.css'), 'utf8');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full, ext);
    return ext.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function tokens(css: string): Record<string, string> {
  return Object.fromEntries([...css.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const [lightCss, darkCss] = TOKENS.split('@media (prefers-color-scheme: dark)');
const LIGHT = tokens(lightCss!);
const DARK = { ...LIGHT, ...tokens(darkCss!) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('colour tokens', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#e5e8ec', '#e3f4e8')).toBeLessThan(1.2); // the unreadable dark-mode health badge of issue 12
  });

  it.each([['light', LIGHT], ['dark', DARK]] as const)('badge and chip text is readable on its own background, the page and a card (%s)', (_, t) => {
    const low: string[] = [];
    for (const tone of ['success', 'danger', 'warning', 'info', 'neutral', 'missed', 'demo']) {
      const fg = t[`${tone}-fg`]!;
      for (const bg of [`${tone}-bg`, 'bg', 'surface', 'surface-2']) {
        const ratio = contrast(fg, t[bg]!);
        if (ratio < 4.5) low.push(`${tone}-fg on ${bg}: ${ratio.toFixed(2)}`);
      }
    }
    for (const [fg, bg] of [['text', 'bg'], ['text', 'surface'], ['text', 'selected'], ['muted', 'bg'], ['muted', 'surface'], ['muted', 'selected'],
      ['muted', 'hover'], ['accent', 'surface'], ['accent', 'bg'], ['accent-text', 'accent']] as const) {
      const ratio = contrast(t[fg]!, t[bg]!);
      if (ratio < 4.5) low.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
    }
    expect(low).toEqual([]);
  });

  it('every var(--…) the renderer uses is defined, without a fallback colour that ignores the theme', () => {
    const css = files(RENDERER, /\.css$/).map((f) => readFileSync(f, 'utf8')).join('\n');
    const defined = new Set([...css.matchAll(/(?:^|[\s;{])--([a-z0-9-]+)\s*:/gm)].map((m) => m[1]));
    const problems: string[] = [];
    for (const file of files(RENDERER, /\.(css|tsx?)$/)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/var\(--([a-z0-9-]+)\s*(,[^)]*)?\)/g)) {
        if (!defined.has(m[1])) problems.push(`${path.relative(RENDERER, file)}: --${m[1]} is not defined`);
        else if (m[2] && /#[0-9a-f]{3,6}/i.test(m[2])) problems.push(`${path.relative(RENDERER, file)}: --${m[1]} has a fixed fallback colour`);
      }
    }
    expect(problems).toEqual([]);
  });
});
