import { Routes } from '@angular/router';

import { ClientDetail } from './client-detail/client-detail';
import { ClientList } from './client-list/client-list';
import { ClientsStore } from './clients-store';

export const clientsRoutes: Routes = [
  { path: '', component: ClientList, title: 'Clients | BWS Portal', providers: [ClientsStore] },
  // The page sets its title to the client's name once it has loaded.
  { path: ':name', component: ClientDetail, title: 'Client | BWS Portal' },
];
