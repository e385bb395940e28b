import { describe, expect, it } from 'vitest';

import { ResponseShapeError } from '../../core/http/json-parse';
import { parseClientSync, parseInstallationSync, parseRetryResult } from './sync';

const CLIENT_SYNC = {
  state: 'pending',
  pending: 2,
  lastError: 'connect ECONNREFUSED 10.0.0.5:27017',
  nextAttemptAt: '2026-03-02T10:00:30.000Z',
  oldestChangeAt: '2026-03-02T09:58:00.000Z',
  lastDeliveredAt: '2026-03-01T17:00:00.000Z',
  lastDeliveredVersion: 7,
};
const INSTALLATION_SYNC = {
  state: 'failed',
  pending: 3,
  lastError: 'Authentication failed.',
  nextAttemptAt: '2026-03-02T10:05:00.000Z',
  oldestChangeAt: '2026-03-01T08:00:00.000Z',
  clients: [
    {
      name: 'demo-client',
      state: 'failed',
      pending: 3,
      lastError: 'Authentication failed.',
      nextAttemptAt: '2026-03-02T10:05:00.000Z',
      oldestChangeAt: '2026-03-01T08:00:00.000Z',
    },
  ],
};

describe('sync parsers', () => {
  it('reads a client sync status', () => {
    expect(parseClientSync(CLIENT_SYNC)).toEqual(CLIENT_SYNC);
  });

  it('reads a client that was never delivered, with nulls', () => {
    const neverDelivered = {
      state: 'notConnected',
      pending: 0,
      lastError: null,
      nextAttemptAt: null,
      oldestChangeAt: null,
      lastDeliveredAt: null,
      lastDeliveredVersion: null,
    };
    expect(parseClientSync(neverDelivered)).toEqual(neverDelivered);
  });

  it('reads an installation sync status with its waiting clients', () => {
    expect(parseInstallationSync(INSTALLATION_SYNC)).toEqual(INSTALLATION_SYNC);
  });

  it('reads the number of changes a retry made due', () => {
    expect(parseRetryResult({ retrying: 4 })).toEqual({ retrying: 4 });
  });

  it.each([
    ['a body that is not an object', null],
    ['an unknown state', { ...CLIENT_SYNC, state: 'syncing' }],
    ['a pending count that is text', { ...CLIENT_SYNC, pending: '2' }],
    ['a negative pending count', { ...CLIENT_SYNC, pending: -1 }],
    ['a fractional pending count', { ...CLIENT_SYNC, pending: 1.5 }],
    ['a last error that is not text', { ...CLIENT_SYNC, lastError: { message: 'x' } }],
    ['a next attempt that is not a date', { ...CLIENT_SYNC, nextAttemptAt: 'soon' }],
    ['a delivered version that is text', { ...CLIENT_SYNC, lastDeliveredVersion: '7' }],
  ])('rejects a client sync status with %s', (_case, body) => {
    expect(() => parseClientSync(body)).toThrow(ResponseShapeError);
  });

  it.each([
    ['no clients list', { ...INSTALLATION_SYNC, clients: undefined }],
    ['a client without a name', { ...INSTALLATION_SYNC, clients: [{ ...INSTALLATION_SYNC.clients[0], name: 3 }] }],
    ['a client with an unknown state', { ...INSTALLATION_SYNC, clients: [{ ...INSTALLATION_SYNC.clients[0], state: 'late' }] }],
  ])('rejects an installation sync status with %s', (_case, body) => {
    expect(() => parseInstallationSync(body)).toThrow(ResponseShapeError);
  });

  it('rejects a retry answer without a count', () => {
    expect(() => parseRetryResult({ retrying: null })).toThrow(ResponseShapeError);
  });
});
