import './access.css';
import { accessLabel, useRole } from '../lib/access.ts';

/** A calm pill saying what a non-owner may do ("View only (Viewer)"); the owner sees nothing. */
export function AccessLevel() {
  const label = accessLabel(useRole());
  if (!label) return null;
  return (
    <span className="access-level" data-testid="access-level" title="Buttons you cannot use stay visible and say why. Ask the owner of this Flowdeck for more access.">
      {label}
    </span>
  );
}
