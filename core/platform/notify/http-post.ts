import { NotifyError } from './types.ts';

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
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why = (error as Error).name === 'TimeoutError' ? 'it did not answer in time' : cause ? `${cause}` : (error as Error).message;
    throw new NotifyError(`Could not reach ${new URL(url).host}: ${why}.`, true);
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return;
  const retryable = res.status === 429 || res.status >= 500;
  throw new NotifyError(`${new URL(url).host} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}.`, retryable);
}
