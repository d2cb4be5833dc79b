import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from './csv.ts';

describe('RFC 4180 CSV', () => {
  it('leaves plain fields alone and empties nulls', () => {
    expect(csvRecord(['a', 1, null, undefined, 'b c'])).toBe('a,1,,,b c\r\n');
  });

  it('quotes fields with commas, quotes, CR or LF and doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });
});
