import { Routes } from '@angular/router';

import { InstallationDetail } from './installation-detail/installation-detail';
import { InstallationList } from './installation-list/installation-list';
import { InstallationsStore } from './installations-store';

export const installationsRoutes: Routes = [
  { path: '', component: InstallationList, title: 'Installations | BWS Portal', providers: [InstallationsStore] },
  // The page sets its title to the installation's name once it has loaded.
  { path: ':id', component: InstallationDetail, title: 'Installation | BWS Portal' },
];
