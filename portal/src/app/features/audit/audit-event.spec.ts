import { describe, expect, it } from 'vitest';

import { AuditEvent, describeAuditAction, describeAuditObject, formatSnapshot, parseAuditPage } from './audit-event';

const EVENT: AuditEvent = {
  id: 'e1',
  at: '2026-11-29T06:00:00.000Z',
  actor: 'owner',
  action: 'client.update',
  objectType: 'client',
  objectId: '6f1c2a8e-0000-4000-8000-000000000001',
  installationId: null,
  before: { name: 'demo-client' },
  after: { name: 'demo-client', identification: true },
};

describe('audit events', () => {
  it('names the object from its own snapshot', () => {
    expect(describeAuditObject(EVENT)).toBe('client demo-client');
  });

  it('prefers a name the page already knows', () => {
    const rename = { ...EVENT, action: 'client.key.create', after: { appId: 'app-1' } };

    expect(describeAuditObject(rename, new Map([[EVENT.objectId, 'demo-client']]))).toBe('client demo-client');
  });

  it('does not take a certificate name for the installation it was uploaded to', () => {
    const upload = { ...EVENT, action: 'certificate.upload', objectType: 'installation', after: { name: 'cert' } };

    expect(describeAuditObject(upload)).toBe('installation 6f1c2a8e…');
  });

  it('turns dotted actions into words', () => {
    expect(describeAuditAction('client.key.create')).toBe('Client key create');
  });

  it('shows snapshots as indented JSON and a dash when there is none', () => {
    expect(formatSnapshot({ role: 'Edit' })).toBe('{\n  "role": "Edit"\n}');
    expect(formatSnapshot(null)).toBe('—');
  });

  it('keeps absent snapshots as null', () => {
    const page = parseAuditPage({ items: [{ ...EVENT, before: undefined, after: null }], total: 1 });

    expect(page.items[0]?.before).toBeNull();
    expect(page.items[0]?.after).toBeNull();
  });
});
