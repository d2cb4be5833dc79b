import { AlertSettings } from '../contract/alerts.ts';
import { AlertFactsRepo } from '../store/alert-facts-repo.ts';
import { AlertsRepo } from '../store/alerts-repo.ts';
import type { Db } from '../store/db.ts';
import { DeliveriesRepo } from '../store/deliveries-repo.ts';
import { IncidentsRepo } from '../store/incidents-repo.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';

const SETTINGS_KEY = 'alerts.settings';

/** The alerting repositories over the ledger's database. */
export interface AlertStore {
  db: Db;
  rules: AlertsRepo;
  incidents: IncidentsRepo;
  deliveries: DeliveriesRepo;
  facts: AlertFactsRepo;
  readSettings(): AlertSettings;
  writeSettings(s: AlertSettings, now: number): void;
}

export function createAlertStore(db: Db, settings: SettingsRepo): AlertStore {
  return {
    db,
    rules: new AlertsRepo(db),
    incidents: new IncidentsRepo(db),
    deliveries: new DeliveriesRepo(db),
    facts: new AlertFactsRepo(db),
    readSettings: () => {
      const parsed = AlertSettings.safeParse(settings.get(SETTINGS_KEY) ?? {});
      return parsed.success ? parsed.data : AlertSettings.parse({});
    },
    writeSettings: (s, now) => settings.set(SETTINGS_KEY, s, now),
  };
}
