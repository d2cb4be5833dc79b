import type { ChannelConfig, ChannelKind, Severity } from '../../contract/alerts.ts';

/** What every channel renders in its own format. */
export interface NotificationMessage {
  kind: 'opened' | 'reminder' | 'escalated' | 'resolved' | 'paused' | 'test' | 'digest';
  incidentId: number | null;
  severity: Severity;
  title: string;
  text: string;
  /** Where the reader can act (the vendor's page for the workflow or run), when known. */
  url: string | null;
  at: number;
  /** Email only: an HTML body beside the text (the digest), and files attached to it (its CSV). */
  html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** A channel with its secrets resolved (webhook URL, signing key, SMTP password, a phone channel's token and user key). */
export interface ChannelTarget {
  id: number;
  kind: ChannelKind;
  name: string;
  config: ChannelConfig;
  secret: string | null;
  signingSecret: string | null;
}

/**
 * One way of telling someone. Implementations throw NotifyError with a sentence fit for Settings.
 * The desktop shell can register its own Notifier for kind `desktop` (Electron `Notification`).
 */
export interface Notifier {
  send(message: NotificationMessage, target: ChannelTarget): Promise<void>;
}

export class NotifyError extends Error {
  override name = 'NotifyError';
  /** False when retrying cannot help (bad URL, rejected credentials): the delivery gives up at once. */
  readonly retryable: boolean;
  /** How long the vendor asked to wait before the next try (Retry-After, `retry_after`); the outbox waits at least that. */
  readonly retryAfterMs: number | null;
  constructor(message: string, retryable: boolean, retryAfterMs: number | null = null) {
    super(message);
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }
}

export type NotifierRegistry = Partial<Record<ChannelKind, Notifier>>;
