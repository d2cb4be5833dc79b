import { useEffect } from 'react';
import { useWorkflowsStore } from '../../../lib/workflows-store.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import { ChannelsSection } from './ChannelsSection.tsx';
import { DesktopSection } from './DesktopSection.tsx';
import { HistorySection } from './HistorySection.tsx';
import { MaintenanceSection } from './MaintenanceSection.tsx';
import { MutedWorkflowsSection } from './MutedWorkflowsSection.tsx';
import { OnDutySection } from './OnDutySection.tsx';
import { QuietSection } from './QuietSection.tsx';
import { TimeZoneSection } from './TimeZoneSection.tsx';
import '../../../ui/forms.css';
import '../settings.css';

/** Settings: on the desktop, what this desktop shows; then notifications (channels, then what holds them back), the display zone, then how long run history is kept. */
export function SettingsPage() {
  const activate = useSettingsStore((s) => s.activate);
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  // Every save here is an Admin's; one line says so for the page, and each locked button says it again on hover/focus.
  const canSave = useCan('alerts/save-settings');
  useEffect(() => activate(), [activate]);
  // Maintenance windows and muted workflows name workflows.
  useEffect(() => useWorkflowsStore.getState().activate(), []);
  return (
    <section className="settings-page" data-testid="settings-page">
      {/* The desktop app only: its own monitor, or a team server (and signing in there, even while nothing else loads). */}
      <DesktopSection />
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      <LockedNote cans={[canSave]} testId="settings-locked" />
      <ChannelsSection />
      {/* Who signs in, then who of them is on duty and how each is reached. */}
      <PeopleSection />
      <OnDutySection />
      {settings ? <>
        <MaintenanceSection settings={settings} />
        <QuietSection settings={settings} />
        <MutedWorkflowsSection settings={settings} />
        <TimeZoneSection settings={settings} />
      </> : null}
      <HistorySection />
    </section>
  );
}
