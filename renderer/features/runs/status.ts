import type { RunStatus } from '../../../core/contract/runs.ts';

export type StatusTone = 'success' | 'danger' | 'warning' | 'info' | 'neutral' | 'missed';

export interface StatusMeta {
  label: string;
  tone: StatusTone;
  /** One line for tooltips and the detail panel. */
  meaning: string;
}

export const STATUS_META: Record<RunStatus, StatusMeta> = {
  queued: { label: 'Queued', tone: 'info', meaning: 'Waiting for its turn to start.' },
  running: { label: 'Running', tone: 'info', meaning: 'Started and not finished yet.' },
  waiting: { label: 'Waiting', tone: 'info', meaning: 'Paused until something happens (a delay, an approval, a webhook).' },
  success: { label: 'Succeeded', tone: 'success', meaning: 'Finished without problems.' },
  warning: { label: 'Warning', tone: 'warning', meaning: 'Finished, but the tool reported a problem along the way.' },
  failed: { label: 'Failed', tone: 'danger', meaning: 'Stopped with an error.' },
  canceled: { label: 'Cancelled', tone: 'neutral', meaning: 'Stopped by a person or by the tool before it finished.' },
  skipped: { label: 'Skipped', tone: 'neutral', meaning: 'Did not run because a condition said so.' },
  missed: { label: 'Missed', tone: 'missed', meaning: 'Should have run on schedule and did not.' },
  unknown: { label: 'Unknown', tone: 'neutral', meaning: 'The tool reported a status Flowdeck does not recognise.' },
};
