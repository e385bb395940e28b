import { Routes } from '@angular/router';

import { PlaygroundPage } from './playground-page/playground-page';
import { PlaygroundStore } from './playground-store';

export const playgroundRoutes: Routes = [
  { path: '', component: PlaygroundPage, title: 'Playground | BWS Portal', providers: [PlaygroundStore] },
];
