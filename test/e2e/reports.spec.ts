import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { entryUrl } from './pages/runs-page.ts';

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** The text of every page of a PDF, one string per page, runs of white space made single spaces. */
async function pdfText(pdf: Buffer): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await task.destroy();
  return pages;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

test('the Reports page shows last week in both themes and prints to a PDF with the same figures and without the console around it', async ({ page }, testInfo) => {
  await page.goto(entryUrl());
  await page.getByTestId('nav-reports').click();
  const root = page.getByTestId('reports-page');
  await expect(root).toBeVisible();
  await expect(page.getByTestId('report-label')).toContainText(/^Week of /);
  await expect(page.getByTestId('report-workflow-row').first()).toBeVisible();

  const label = squash(await page.getByTestId('report-label').innerText());
  const runs = squash(await page.getByTestId('report-runs').innerText());
  const failed = squash(await page.getByTestId('report-failed').innerText());
  const rows = await page.getByTestId('report-workflow-row').evaluateAll((trs) => trs.map((tr) => {
    const cells = [...tr.querySelectorAll('td')];
    return { name: cells[0]!.querySelector('a')!.textContent!.trim(), connector: cells[0]!.querySelector('div')!.textContent!.trim(), runs: cells[1]!.textContent!.trim(), failed: cells[2]!.textContent!.trim() };
  }));
  expect(rows.length).toBeGreaterThan(3);
  // The page adds up: the runs and failures per workflow make the totals.
  const n = (s: string) => Number(s.replace(/[^\d]/g, ''));
  expect(rows.reduce((a, r) => a + n(r.runs), 0)).toBe(n(runs));
  expect(rows.reduce((a, r) => a + n(r.failed), 0)).toBe(n(failed));

  // Each person's digest is chosen on the same page (what it shows depends on who signed in).
  await expect(page.getByTestId('report-digest')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await saveScreenshot(page, testInfo, 'reports-light');
  await page.getByTestId('minutes-save').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'reports-minutes');
  await page.getByTestId('report-digest').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'reports-digest');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, testInfo, 'reports-dark');

  // Printed as the browser prints it (the print stylesheet), dark theme or not.
  const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
  const file = path.join(testInfo.project.outputDir, 'report.pdf');
  writeFileSync(file, pdf);
  await testInfo.attach('report.pdf', { path: file, contentType: 'application/pdf' });
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await saveScreenshot(page, testInfo, 'reports-print');

  const text = (await pdfText(pdf)).join(' ');
  expect(text.replace(/\s+/g, '')).toContain(label.replace(/\s+/g, ''));
  expect(text).toContain(`Runs ${runs} `);
  expect(text).toContain(`Failed ${failed} `);
  // Each workflow's row whole, in the page's order (no row cut across pages): its name, connector, runs and failures.
  // White space is left out: the PDF's text splits words at ligatures ("work fl ow").
  const flat = text.replace(/\s+/g, '');
  let from = 0;
  for (const r of rows) {
    const at = flat.indexOf(`${r.name}${r.connector}${r.runs}${r.failed}`.replace(/\s+/g, ''), from);
    expect(at, r.name).toBeGreaterThanOrEqual(0);
    from = at;
  }
  // No console chrome: neither the sidebar, the header nor the page's own buttons.
  expect(text).not.toContain('Audit log');
  expect(text).not.toContain('Print or save as PDF');
  expect(text).not.toContain('by email');
  expect(text).not.toContain('saves about');
});
