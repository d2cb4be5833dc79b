import { describe, expect, it } from 'vitest';
import { idempotencyKey, parseRunFinished } from './hooks.ts';
import { parsePingPath } from './pings.ts';

const NOW = Date.UTC(2026, 2, 2);

describe('ping paths', () => {
  it('reads every Healthchecks signal', () => {
    expect(parsePingPath('/ping/backup')).toEqual({ ok: true, ping: { slug: 'backup', kind: 'success', exitCode: null } });
    expect(parsePingPath('/ping/backup/start')).toMatchObject({ ping: { kind: 'start' } });
    expect(parsePingPath('/ping/backup/fail')).toMatchObject({ ping: { kind: 'fail' } });
    expect(parsePingPath('/ping/backup/log')).toMatchObject({ ping: { kind: 'log' } });
    expect(parsePingPath('/ping/backup/0')).toMatchObject({ ping: { kind: 'exit', exitCode: 0 } });
    expect(parsePingPath('/ping/backup/255')).toMatchObject({ ping: { kind: 'exit', exitCode: 255 } });
  });

  it('refuses what cannot be a ping', () => {
    expect(parsePingPath('/ping/backup/256')).toMatchObject({ ok: false, status: 400 });
    expect(parsePingPath('/ping/backup/-1')).toMatchObject({ ok: false, status: 400 });
    expect(parsePingPath('/ping/backup/stop')).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('start, fail, log or an exit code 0-255') });
    expect(parsePingPath('/ping/Bad%20Slug')).toMatchObject({ ok: false, status: 404 });
    expect(parsePingPath('/ping/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(parsePingPath('/ping/a/b/c')).toBeNull();
    expect(parsePingPath('/hooks/x')).toBeNull();
  });
});

describe('run-finished events', () => {
  it('maps an event to an ingest record, keeping the raw status', () => {
    const parsed = parseRunFinished({ workflow: { id: 7, name: 'Backup' }, run: { id: 9, status: 'crashed', startedAt: NOW - 5000, finishedAt: NOW, error: { message: 'disk full' } } }, NOW);
    expect(parsed).toMatchObject({ ok: true, record: { externalId: '9', workflow: { externalId: '7', name: 'Backup' }, rawStatus: 'crashed', status: 'failed', startedAt: NOW - 5000, finishedAt: NOW, errorMessage: 'disk full', mode: 'webhook' } });
    expect(parseRunFinished({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'fail' } }, NOW)).toMatchObject({ record: { status: 'failed' } });
  });

  it('claims no duration when only one time is known', () => {
    expect(parseRunFinished({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'success', finishedAt: NOW - 10 } }, NOW))
      .toMatchObject({ record: { startedAt: NOW - 10, finishedAt: null } });
    expect(parseRunFinished({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'success' } }, NOW))
      .toMatchObject({ record: { startedAt: NOW, finishedAt: null } });
  });

  it('names the field that is wrong', () => {
    expect(parseRunFinished({ workflow: { id: '1' }, run: { id: '1', status: 'x' } }, NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/^workflow\.name: /) });
    expect(parseRunFinished({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'ok', startedAt: 'yesterday' } }, NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/^run\.startedAt/) });
    expect(parseRunFinished([], NOW)).toMatchObject({ ok: false });
  });

  it('dedupes by the Idempotency-Key header, else by run id and status', () => {
    const event = { workflow: { id: '1', name: 'x' }, run: { id: '42', status: 'Success' } };
    const parsed = parseRunFinished(event, NOW);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(idempotencyKey('abc', parsed.event)).toBe('key:abc');
    expect(idempotencyKey(undefined, parsed.event)).toBe('run:42:success');
  });
});
