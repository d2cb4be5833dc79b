/** Downloads in the renderer: CSV/JSON text and PNG snapshots of chart SVGs. No inline scripts; blob: and data: only. */
import { formatIso } from './format.ts';
import { serverNow } from './server-clock.ts';

export function download(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // A leading =, +, - or @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadRows<T extends object>(name: string, format: 'csv' | 'json', rows: readonly T[], columns: readonly (keyof T & string)[]): void {
  const stamp = formatIso(serverNow()).slice(0, 16).replace(/[:T]/g, '-');
  if (format === 'csv') download(`${name}-${stamp}.csv`, new Blob([toCsv(rows, columns)], { type: 'text/csv' }));
  else download(`${name}-${stamp}.json`, new Blob([JSON.stringify(rows, null, 2)], { type: 'application/json' }));
}

const PAINT = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-family', 'font-weight'];

/**
 * Copies computed paint (CSS variables resolved) onto a clone as presentation attributes, so the SVG renders the same
 * as an image. Attributes, not a style string: the CSP (`style-src 'self'`) forbids inline style attributes.
 */
function inlinePaint(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  target.removeAttribute('style');
  target.removeAttribute('class');
  for (const p of PAINT) {
    const value = style.getPropertyValue(p);
    if (value) target.setAttribute(p, value);
  }
  for (let i = 0; i < source.children.length; i++) inlinePaint(source.children[i]!, target.children[i]!);
}

/** Renders an SVG element (a recharts chart) to a PNG and downloads it. */
export async function downloadSvgAsPng(svg: SVGSVGElement, filename: string, background: string): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlinePaint(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const data = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = data;
  });
  const scale = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This window cannot draw images.');
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be saved as PNG.');
  download(filename, blob);
}
