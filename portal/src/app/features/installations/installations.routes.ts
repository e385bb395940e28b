import { Routes } from '@angular/router';

import { InstallationList } from './installation-list/installation-list';
import { InstallationsStore } from './installations-store';

export const installationsRoutes: Routes = [
  { path: '', component: InstallationList, title: 'Installations | BWS Portal', providers: [InstallationsStore] },
];
