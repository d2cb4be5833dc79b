import { AlertSettings } from '../contract/alerts.ts';
import type { AlertFactsRepo } from '../store/alert-facts-repo.ts';
import type { AlertsRepo } from '../store/alerts-repo.ts';
import type { DeliveriesRepo } from '../store/deliveries-repo.ts';
import type { IncidentsRepo } from '../store/incidents-repo.ts';
import type { Ledger } from '../store/ledger.ts';

const SETTINGS_KEY = 'alerts.settings';

/** The alerting repositories over the ledger's database. */
export interface AlertStore {
  /** One transaction: all of `fn`'s writes or none. */
  write<T>(fn: () => T): T;
  rules: AlertsRepo;
  incidents: IncidentsRepo;
  deliveries: DeliveriesRepo;
  facts: AlertFactsRepo;
  readSettings(): AlertSettings;
  writeSettings(s: AlertSettings, now: number): void;
}

export function createAlertStore(ledger: Ledger): AlertStore {
  const { settings } = ledger;
  return {
    write: (fn) => ledger.write(fn),
    rules: ledger.alertRules,
    incidents: ledger.incidents,
    deliveries: ledger.deliveries,
    facts: ledger.alertFacts,
    readSettings: () => {
      const parsed = AlertSettings.safeParse(settings.get(SETTINGS_KEY) ?? {});
      return parsed.success ? parsed.data : AlertSettings.parse({});
    },
    writeSettings: (s, now) => settings.set(SETTINGS_KEY, s, now),
  };
}
