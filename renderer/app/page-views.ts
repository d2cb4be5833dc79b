import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PageId } from './routes.ts';

/** Every page, loaded on first visit: its module (and the charts or editors it draws) is a chunk of its own. */
export const PAGE_VIEWS: Record<PageId, LazyExoticComponent<ComponentType>> = {
  overview: lazy(() => import('../features/overview/components/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage }))),
  runs: lazy(() => import('../features/runs/components/RunsPage.tsx').then((m) => ({ default: m.RunsPage }))),
  errors: lazy(() => import('../features/errors/components/ErrorsPage.tsx').then((m) => ({ default: m.ErrorsPage }))),
  sla: lazy(() => import('../features/sla/components/SlaPage.tsx').then((m) => ({ default: m.SlaPage }))),
  reports: lazy(() => import('../features/reports/components/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage }))),
  usage: lazy(() => import('../features/usage/components/UsagePage.tsx').then((m) => ({ default: m.UsagePage }))),
  workflows: lazy(() => import('../features/workflows/components/WorkflowsPage.tsx').then((m) => ({ default: m.WorkflowsPage }))),
  map: lazy(() => import('../features/map/components/MapPage.tsx').then((m) => ({ default: m.MapPage }))),
  incidents: lazy(() => import('../features/incidents/components/IncidentsPage.tsx').then((m) => ({ default: m.IncidentsPage }))),
  connectors: lazy(() => import('../features/connectors/components/ConnectorsPage.tsx').then((m) => ({ default: m.ConnectorsPage }))),
  audit: lazy(() => import('../features/audit/components/AuditPage.tsx').then((m) => ({ default: m.AuditPage }))),
  settings: lazy(() => import('../features/settings/components/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage }))),
};
