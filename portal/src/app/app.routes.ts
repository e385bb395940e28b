import { Routes } from '@angular/router';

import { authGuard } from './core/auth/auth-guard';
import { platformAdminGuard } from './core/auth/platform-admin-guard';

export const routes: Routes = [
  {
    path: 'signed-out',
    title: 'Signed out | BWS Portal',
    loadComponent: () => import('./core/auth/signed-out/signed-out').then((m) => m.SignedOut),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/layout/shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'clients' },
      {
        path: 'clients',
        loadChildren: () => import('./features/clients/clients.routes').then((m) => m.clientsRoutes),
      },
      {
        path: 'installations',
        loadChildren: () => import('./features/installations/installations.routes').then((m) => m.installationsRoutes),
      },
      {
        path: 'overview',
        canActivate: [platformAdminGuard],
        loadChildren: () => import('./features/usage/usage.routes').then((m) => m.usageRoutes),
      },
      {
        path: 'audit',
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'playground',
        loadChildren: () => import('./features/playground/playground.routes').then((m) => m.playgroundRoutes),
      },
      {
        path: '**',
        title: 'Page not found | BWS Portal',
        loadComponent: () => import('./core/layout/not-found-page/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
