import { describe, expect, it } from 'vitest';

import { ResponseShapeError } from '../../core/http/json-parse';
import { INSTALLATION_ID } from '../../testing/api-samples';
import { parseImportReport, readImportReport } from './client-import-report';

const REPORT = {
  installationId: INSTALLATION_ID,
  finishedAt: '2026-03-02T10:00:00.000Z',
  counts: { imported: 1, certificateUnknown: 1 },
  messages: [
    { kind: 'imported', client: 'legacy-client', text: "Client 'legacy-client' has been synchronized." },
    { kind: 'certificateUnknown', client: 'legacy-client', text: 'A certificate with thumbprint AB12 is not in the BWS database.' },
  ],
};

describe('parseImportReport', () => {
  it('reads a report, with a null error when the import ran through', () => {
    expect(parseImportReport(REPORT)).toEqual({ ...REPORT, error: null });
  });

  it('keeps the error that stopped the import', () => {
    const failed = { ...REPORT, counts: {}, messages: [], error: "The installation's database could not be read: timeout" };
    expect(parseImportReport(failed).error).toBe("The installation's database could not be read: timeout");
  });

  it.each([
    ['a body that is not an object', 'report'],
    ['no installation id', { ...REPORT, installationId: undefined }],
    ['a finish time that is not a date', { ...REPORT, finishedAt: 'yesterday' }],
    ['no finish time', { ...REPORT, finishedAt: null }],
    ['counts that are a list', { ...REPORT, counts: [1, 2] }],
    ['a count of an unknown kind', { ...REPORT, counts: { deleted: 1 } }],
    ['a count that is text', { ...REPORT, counts: { imported: 'one' } }],
    ['messages that are not a list', { ...REPORT, messages: {} }],
    ['a message of an unknown kind', { ...REPORT, messages: [{ kind: 'deleted', client: 'a', text: 'b' }] }],
    ['a message without text', { ...REPORT, messages: [{ kind: 'imported', client: 'a' }] }],
    ['an error that is not text', { ...REPORT, error: 500 }],
  ])('rejects a report with %s', (_case, body) => {
    expect(() => parseImportReport(body)).toThrow(ResponseShapeError);
  });
});

describe('readImportReport', () => {
  it('reads the report of an installation answer that has one', () => {
    expect(readImportReport({ id: INSTALLATION_ID, importReport: REPORT })?.messages).toHaveLength(2);
  });

  it('answers null when the installation answer has no report', () => {
    expect(readImportReport({ id: INSTALLATION_ID })).toBeNull();
  });

  it('rejects a malformed report rather than dropping it', () => {
    expect(() => readImportReport({ id: INSTALLATION_ID, importReport: { messages: [] } })).toThrow(ResponseShapeError);
  });
});
