import { Route } from '@angular/router';
import { redirectSignedIn, requireSession } from '@proxdeck/dashboard-data-access';

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in · Proxdeck',
    canActivate: [redirectSignedIn],
    loadComponent: () => import('./features/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [requireSession],
    loadComponent: () => import('./features/shell/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard · Proxdeck',
        loadComponent: () => import('./features/overview/overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'apps',
        title: 'Apps · Proxdeck',
        loadComponent: () => import('./features/apps/apps-list.page').then((m) => m.AppsListPage),
      },
      {
        path: 'apps/:id',
        title: 'App · Proxdeck',
        loadComponent: () => import('./features/apps/app-detail.page').then((m) => m.AppDetailPage),
      },
      {
        path: 'backups',
        title: 'Backups · Proxdeck',
        loadComponent: () => import('./features/backups/backups.page').then((m) => m.BackupsPage),
      },
      {
        path: 'adoption',
        title: 'Adoption · Proxdeck',
        loadComponent: () => import('./features/adoption/adoption.page').then((m) => m.AdoptionPage),
      },
      {
        path: 'catalog',
        title: 'Catalog · Proxdeck',
        loadComponent: () => import('./features/catalog/catalog.page').then((m) => m.CatalogPage),
      },
      {
        path: 'catalog/:id',
        title: 'Catalog app · Proxdeck',
        loadComponent: () => import('./features/catalog-entry/catalog-entry.page').then((m) => m.CatalogEntryPage),
      },
      {
        path: 'nodes',
        title: 'Nodes · Proxdeck',
        loadComponent: () => import('./features/nodes/nodes.page').then((m) => m.NodesPage),
      },
      {
        path: 'monitoring',
        title: 'Monitoring · Proxdeck',
        loadComponent: () => import('./features/monitoring/monitoring.page').then((m) => m.MonitoringPage),
      },
      {
        path: 'operations',
        title: 'Operations · Proxdeck',
        loadComponent: () => import('./features/operations/operations.page').then((m) => m.OperationsPage),
      },
      {
        path: 'audit',
        title: 'Audit log · Proxdeck',
        loadComponent: () => import('./features/audit/audit.page').then((m) => m.AuditPage),
      },
      {
        path: 'settings',
        title: 'Settings · Proxdeck',
        loadComponent: () => import('./features/settings/settings.page').then((m) => m.SettingsPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
