import { describe, expect, it } from 'vitest';

import { csvField, fileNameSafe, toCsv } from './csv';

const BOM = '\uFEFF';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['', ''],
    ["Client 'müller'", "Client 'müller'"],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends every row with CRLF', () => {
    expect(toCsv([['a', 'b'], ['1', 'x,y']])).toBe(`${BOM}a,b\r\n1,"x,y"\r\n`);
  });

  it('encodes as UTF-8 with the BOM bytes first', () => {
    // What Blob does with a string: UTF-8.
    const bytes = new TextEncoder().encode(toCsv([]));
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('fileNameSafe', () => {
  it('replaces runs of characters file systems dislike with one dash', () => {
    expect(fileNameSafe('Werk 2/Halle')).toBe('Werk-2-Halle');
    expect(fileNameSafe('demo-client_1.a')).toBe('demo-client_1.a');
  });
});
