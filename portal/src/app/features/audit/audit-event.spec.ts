import { describe, expect, it } from 'vitest';

import { AuditEvent, describeAuditAction, describeAuditObject, formatSnapshot, parseAuditPage } from './audit-event';

const EVENT: AuditEvent = {
  id: 'e1',
  at: '2026-11-29T06:00:00.000Z',
  actor: 'owner',
  action: 'client.update',
  objectType: 'client',
  objectId: '6f1c2a8e-0000-4000-8000-000000000001',
  objectName: 'demo-client',
  installationId: null,
  before: { name: 'demo-client' },
  after: { name: 'demo-client', identification: true },
};

describe('audit events', () => {
  it('names the object by the name the BFF sends', () => {
    const keyCreated = { ...EVENT, action: 'client.key.create', before: null, after: { appId: 'app-1' } };

    expect(describeAuditObject(keyCreated)).toBe('client demo-client');
  });

  it('falls back to the type and a short id when the BFF knows no name', () => {
    const upload = { ...EVENT, action: 'certificate.upload', objectType: 'installation', objectName: null, after: { name: 'cert' } };

    expect(describeAuditObject(upload)).toBe('installation 6f1c2a8e…');
  });

  it('reads objectName, and null when an older BFF leaves it out', () => {
    const withoutName = Object.fromEntries(Object.entries(EVENT).filter(([key]) => key !== 'objectName'));
    const page = parseAuditPage({ items: [EVENT, withoutName], total: 2 });

    expect(page.items.map((event) => event.objectName)).toEqual(['demo-client', null]);
  });

  it('rejects an objectName that is not text', () => {
    expect(() => parseAuditPage({ items: [{ ...EVENT, objectName: 7 }], total: 1 })).toThrow(/objectName/);
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
