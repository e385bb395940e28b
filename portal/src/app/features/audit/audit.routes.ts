import { Routes } from '@angular/router';

import { AuditLog } from './audit-log/audit-log';

export const auditRoutes: Routes = [{ path: '', component: AuditLog, title: 'Audit log | BWS Portal' }];
