import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';

describe('CSV export', () => {
  it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ a: 'plain', b: 'has, comma', c: 'say "hi"' }, { a: '=SUM(A1)', b: null, c: 3 }], ['a', 'b', 'c']);
    expect(csv).toBe('a,b,c\r\nplain,"has, comma","say ""hi"""\r\n\'=SUM(A1),,3\r\n');
  });
});
