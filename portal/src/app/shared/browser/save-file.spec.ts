import { describe, expect, it } from 'vitest';

import { fileNameFromDisposition } from './save-file';

describe('fileNameFromDisposition', () => {
  it('reads a quoted file name', () => {
    expect(fileNameFromDisposition('attachment; filename="demo-cert.pfx"', 'x.pfx')).toBe('demo-cert.pfx');
  });

  it('reads an RFC 5987 encoded file name', () => {
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''d%C3%A9mo.pfx", 'x.pfx')).toBe('démo.pfx');
  });

  it('falls back when the header is missing or names no file', () => {
    expect(fileNameFromDisposition(null, 'certificate.pfx')).toBe('certificate.pfx');
    expect(fileNameFromDisposition('attachment', 'certificate.pfx')).toBe('certificate.pfx');
  });
});
