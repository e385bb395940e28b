import { Routes } from '@angular/router';

import { UsageOverview } from './usage-overview/usage-overview';

export const usageRoutes: Routes = [{ path: '', component: UsageOverview, title: 'Overview | BWS Portal' }];
