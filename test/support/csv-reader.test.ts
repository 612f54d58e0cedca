// The reader the CSV tests check the writer with: if it misread, they would pass on a broken writer.
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-reader';

describe('parseCsv', () => {
  it('splits records on CRLF or LF, with no empty record after a final line break', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('"x, y","say ""hi""","two\r\nlines"\n')).toEqual([['x, y', 'say "hi"', 'two\r\nlines']]);
  });

  it('keeps empty fields, a last record without a line break and a trailing empty field', () => {
    expect(parseCsv(',a,\nb')).toEqual([['', 'a', ''], ['b']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('splits on another delimiter when told, and leaves commas alone then', () => {
    expect(parseCsv('a;"b;c";d,e', ';')).toEqual([['a', 'b;c', 'd,e']]);
  });
});
