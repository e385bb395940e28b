import { Routes } from '@angular/router';

import { ClientList } from './client-list/client-list';
import { ClientsStore } from './clients-store';

export const clientsRoutes: Routes = [
  { path: '', component: ClientList, title: 'Clients | BWS Portal', providers: [ClientsStore] },
];
