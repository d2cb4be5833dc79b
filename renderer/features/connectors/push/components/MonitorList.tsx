import { useState } from 'react';
import type { PushMonitor } from '../../../../../core/contract/push.ts';
import { HIDDEN, isHidden } from '../../../../../core/contract/redaction.ts';
import { formatAgo, formatDuration } from '../../../../lib/format.ts';
import { useNow } from '../../../../lib/useNow.ts';
import type { Snippets } from '../store.ts';
import { CopyBlock } from './CopyBlock.tsx';
import { scheduleWords } from './ScheduleInputs.tsx';

const KIND_WORDS: Record<string, string> = { start: 'started', success: 'succeeded', fail: 'failed', log: 'log line' };

function lastPing(m: PushMonitor, now: number): string {
  if (m.lastPingAt === null) return 'No ping yet';
  const kind = m.lastPingKind ?? '';
  const word = KIND_WORDS[kind] ?? (kind === 'exit 0' ? 'succeeded (exit 0)' : kind.startsWith('exit ') ? `failed (${kind})` : kind);
  return `${word}, ${formatAgo(m.lastPingAt, now)}`;
}

function MonitorRow({ monitor, snippets, now }: { monitor: PushMonitor; snippets: Snippets['monitors'][number] | undefined; now: number }) {
  const [open, setOpen] = useState(false);
  const curl = snippets?.curl;
  // A role that does not see secrets gets the marker instead of the addresses (each carries the monitor's key).
  const hidden = isHidden(monitor.urls.success);
  return (
    <li className="push-monitor" data-testid="push-monitor" data-slug={monitor.slug}>
      <div className="push-monitor-head">
        <div className="push-monitor-name">
          <strong>{monitor.name}</strong> <code className="muted">{monitor.slug}</code>
          <div className="muted" data-testid="push-expected">{scheduleWords(monitor.expected)}</div>
        </div>
        <div className="push-monitor-ping" data-testid="push-last-ping">
          {lastPing(monitor, now)}
          {monitor.openSince !== null ? <span className="muted"> · running for {formatDuration(now - monitor.openSince)}</span> : null}
        </div>
        <button type="button" className="button button-small button-quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
          {hidden ? (open ? 'Hide address' : 'Show address') : open ? 'Hide curl' : 'Show curl'}
        </button>
      </div>
      {open ? (
        <div className="push-monitor-snippets">
          {curl ? (
            <>
              <CopyBlock label="Success" text={curl.success} testId="snippet-success" />
              <CopyBlock label="Start (measures the duration)" text={curl.start} />
              <CopyBlock label="Failure, with a message" text={curl.fail} />
              <CopyBlock label="Exit code of the previous command (0 = success)" text={curl.exitCode} />
              <CopyBlock label="Log line (no status change)" text={curl.log} />
              <CopyBlock label="Wrapper script: start, run, report the result" text={curl.wrapper} />
            </>
          ) : hidden ? (
            <p className="muted" data-testid="snippet-hidden">Ping address: {HIDDEN}. It works like a password for this job, so only an Admin sees it.</p>
          ) : (
            <CopyBlock label="Ping URL" text={monitor.urls.success} testId="snippet-success" />
          )}
        </div>
      ) : null}
    </li>
  );
}

export function MonitorList({ monitors, snippets }: { monitors: PushMonitor[]; snippets: Snippets | null }) {
  const now = useNow();
  return (
    <ul className="push-monitors" data-testid="push-monitors">
      {monitors.map((m) => (
        <MonitorRow key={m.slug} monitor={m} now={now} snippets={snippets?.monitors.find((s) => s.slug === m.slug)} />
      ))}
    </ul>
  );
}
