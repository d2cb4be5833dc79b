import type { AlertSettings } from '../../../../core/contract/alerts.ts';
import { useWorkflowsStore } from '../../../lib/workflows-store.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan } from '../../../lib/access.ts';

/** Workflows whose notifications are muted (from an incident's "Mute workflow"), each with a way to unmute it. */
export function MutedWorkflowsSection({ settings }: { settings: AlertSettings }) {
  const workflows = useWorkflowsStore((s) => s.items);
  const toggle = useSettingsStore((s) => s.toggleWorkflowMute);
  const canSave = useCan('alerts/save-settings');
  if (settings.mutedWorkflowIds.length === 0) return null;
  return (
    <section data-testid="muted-workflows">
      <h2>Muted workflows</h2>
      <ul className="channel-list">
        {settings.mutedWorkflowIds.map((id) => (
          <li key={id} data-testid="muted-workflow">
            <strong>{workflows.find((w) => w.id === id)?.name ?? `Workflow ${id} (removed)`}</strong>
            <span className="muted">No notifications about it until unmuted.</span>
            <button type="button" className="button button-small" onClick={() => void toggle(id)} data-testid="muted-workflow-unmute" {...canSave.lock}>Unmute</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
