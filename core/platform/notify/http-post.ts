import { readCapped } from '../http/body-cap.ts';
import { NotifyError } from './types.ts';

/** An error reply is read only this far: enough for its message, never a vendor's whole page. */
const MAX_REPLY_BYTES = 64 * 1024;

export interface PostOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Checks a webhook URL before saving it; null when usable. */
export function webhookUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'This is not a URL. Paste the full webhook address, starting with https://';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'The webhook address must start with https:// (or http:// on a local network).';
  return null;
}

/** POSTs JSON; any non-2xx or network failure becomes a NotifyError with a plain reason. */
export async function postJson(url: string | null, body: string, headers: Record<string, string>, options: PostOptions = {}): Promise<void> {
  if (!url) throw new NotifyError('The channel has no webhook address. Edit the channel and paste it.', false);
  const problem = webhookUrlProblem(url);
  if (problem) throw new NotifyError(problem, false);
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, {
      method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      // A webhook address often is the secret (Slack, Teams): a redirect is never followed, so the alert and its
      // signature reach only the address the owner pasted.
      redirect: 'manual',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why = (error as Error).name === 'TimeoutError' ? 'it did not answer in time' : cause ? `${cause}` : (error as Error).message;
    throw new NotifyError(`Could not reach ${new URL(url).host}: ${why}.`, true);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => undefined);
    const to = res.headers.get('location');
    const where = to ? ` to ${safeHost(to, url)}` : '';
    throw new NotifyError(`${new URL(url).host} answered with a redirect${where}. Flowdeck does not follow it, so the alert goes only where you said: paste the final webhook address.`, false);
  }
  const capped = await readCapped(res, MAX_REPLY_BYTES).catch(() => ({ ok: true as const, text: '' }));
  const text = capped.ok ? capped.text : '';
  if (res.ok) return;
  const retryable = res.status === 429 || res.status >= 500;
  throw new NotifyError(`${new URL(url).host} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}.`, retryable);
}

function safeHost(location: string, base: string): string {
  try {
    return new URL(location, base).host;
  } catch {
    return 'an unreadable address';
  }
}
