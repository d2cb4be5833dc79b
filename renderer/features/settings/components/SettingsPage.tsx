import { useEffect } from 'react';
import { useSettingsStore } from '../store.ts';
import { ChannelsSection } from './ChannelsSection.tsx';
import { QuietSection } from './QuietSection.tsx';
import '../../incidents/incidents.css';

/** Settings: notifications first; other settings (data location, access) get their own sections here. */
export function SettingsPage() {
  const activate = useSettingsStore((s) => s.activate);
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  useEffect(() => activate(), [activate]);
  return (
    <section className="settings-page" data-testid="settings-page">
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      <ChannelsSection />
      {settings ? <QuietSection settings={settings} /> : null}
    </section>
  );
}
