/**
 * Sample Management API answers for unit tests, shaped exactly as the BFF sends them.
 * Specs spread and override them rather than building bodies field by field.
 */
export const INSTALLATION_ID = '6f1c2a8e-0000-4000-8000-0000000000aa';
export const CLIENT_ID = '6f1c2a8e-0000-4000-8000-000000000001';
export const CERTIFICATE_ID = '6f1c2a8e-0000-4000-8000-0000000000c1';
export const EDITOR_ID = '6f1c2a8e-0000-4000-8000-000000000012';

export const ALL_CLIENT_OPERATIONS = [
  'readInfo',
  'readClientUsage',
  'readClientLog',
  'updateClient',
  'manageClientCertificates',
  'manageKeys',
  'deleteClasses',
  'manageClientPermissions',
  'manageClientOwnership',
];

export const ALL_INSTALLATION_OPERATIONS = [
  'readInfo',
  'readInstanceUsage',
  'readInstallationLog',
  'updateInstallation',
  'readConnectionString',
  'manageCertificates',
  'createClients',
  'manageClientOwnership',
  'manageInstallationPermissions',
];

export const INSTALLATION_VIEW = {
  id: INSTALLATION_ID,
  name: 'demo',
  endpointUrls: ['https://bws.example.com'],
  storages: ['bws'],
  storageDetails: [{ name: 'bws', clientCount: 2 }],
  clientCount: 2,
  certificateCount: 1,
  connectionString: { configured: true, masked: 'mongodb://bws:****@mongo:27017/bws' },
  role: 'Owner',
  allowed: ALL_INSTALLATION_OPERATIONS,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

export const CLIENT_DETAIL = {
  id: CLIENT_ID,
  name: 'demo-client',
  installation: { id: INSTALLATION_ID, name: 'demo', endpointUrls: ['https://bws.example.com'] },
  storage: 'bws',
  partition: 1,
  expiresAt: '2027-11-29T00:00:00.000Z',
  expired: false,
  identification: false,
  role: 'Owner',
  logging: { logImages: false, level: 'info', retentionDays: 30 },
  version: 3,
  allowed: ALL_CLIENT_OPERATIONS,
  canDelete: true,
  keyCount: 1,
  certificateCount: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

export const CERTIFICATE_VIEW = {
  id: CERTIFICATE_ID,
  name: 'demo-cert',
  subject: 'CN=demo-cert, O=BWS Test',
  issuer: 'CN=demo-cert, O=BWS Test',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  expired: false,
  thumbprint: 'AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12',
  clients: ['demo-client'],
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const EDITOR = {
  id: EDITOR_ID,
  username: 'editor',
  displayName: 'Eddie Editor',
  email: 'editor@demo.local',
};

export const KEY_VIEW = {
  appId: 'app-1234',
  label: 'web shop',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
};

/** `importReport` of an installation create or update that set a connection string. */
export const IMPORT_REPORT = {
  installationId: INSTALLATION_ID,
  finishedAt: '2026-03-02T10:00:00.000Z',
  counts: { imported: 1, onlyInBws: 1 },
  messages: [
    {
      kind: 'imported',
      client: 'legacy-client',
      text: "Client 'legacy-client' has been synchronized from the MongoDB database of the installation to the BWS database.",
    },
    { kind: 'onlyInBws', client: 'demo-client', text: "Client 'demo-client' is only in the BWS database." },
  ],
};

/** The import report when the installation's database could not be read. */
export const FAILED_IMPORT_REPORT = {
  installationId: INSTALLATION_ID,
  finishedAt: '2026-03-02T10:00:05.000Z',
  counts: {},
  messages: [],
  error: "The installation's database could not be read: connect ECONNREFUSED 127.0.0.1:27017",
};

/** `GET /api/clients/:name/usage`: a week in day buckets, calls per operation. */
export const USAGE_REPORT = {
  from: '2026-03-04T00:00:00.000Z',
  to: '2026-03-11T00:00:00.000Z',
  bucket: 'day',
  total: 1234,
  successRate: 0.975,
  series: [
    { name: 'verify', points: [{ at: '2026-03-05T00:00:00.000Z', count: 1200 }] },
    {
      name: 'enroll',
      points: [
        { at: '2026-03-05T00:00:00.000Z', count: 20 },
        { at: '2026-03-10T00:00:00.000Z', count: 14 },
      ],
    },
  ],
  topErrors: [
    { code: 'NoFaceFound', count: 21 },
    { code: 'LivenessFailed', count: 10 },
  ],
  durationMs: { p50: 120, p95: 480 },
};

/** `GET /api/usage/overview`: the same week for all installations. */
export const USAGE_OVERVIEW = {
  from: '2026-03-04T00:00:00.000Z',
  to: '2026-03-11T00:00:00.000Z',
  bucket: 'day',
  total: 1234,
  successRate: 0.975,
  series: [{ name: 'demo', points: [{ at: '2026-03-05T00:00:00.000Z', count: 1234 }] }],
  installations: [{ id: INSTALLATION_ID, name: 'demo', total: 1234, successRate: 0.975, errors: 31 }],
  topClients: [{ name: 'demo-client', installation: 'demo', total: 1234 }],
};

/** One entry of `GET /api/clients/:name/bwslog` and `GET /api/installations/:id/bwslog`. */
export const BWS_LOG_ENTRY = {
  id: '6f1c2a8e-0000-4000-8000-0000000000d1',
  at: '2026-03-05T10:15:00.000Z',
  client: 'demo-client',
  instance: 'bws-1',
  operation: 'verify',
  result: 'failure',
  errorCode: 'NoFaceFound',
  durationMs: 130,
  bcid: 'bcid-0001',
  source: 'bws',
  details: { frames: 3, reason: 'no face in frame 2' },
};

/** One entry of `GET /api/clients/:name/samples`. */
export const SAMPLE_ENTRY = {
  id: '6f1c2a8e-0000-4000-8000-0000000000f1',
  at: '2026-03-05T10:15:00.000Z',
  operation: 'verify',
  tokenId: null,
  frameIndex: 2,
  contentType: 'image/jpeg',
  size: 20480,
};

/** One entry of `GET /api/installations/:id/diagnostics`. */
export const DIAGNOSTIC_ENTRY = {
  at: '2026-03-05T10:15:00.000Z',
  level: 'error',
  source: 'sync',
  client: 'demo-client',
  message: 'The installation could not be reached: connect ECONNREFUSED',
};

/** One entry of `GET /api/clients/:name/classes`. */
export const CLASS_VIEW = {
  bcid: 'bws.1.42',
  classId: 42,
  traits: [
    { trait: 'Face', templates: 3 },
    { trait: 'Periocular', templates: 2 },
  ],
  enrolledAt: '2026-02-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
};
