import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request on a real socket, optionally from a given local address (e.g. 127.0.0.2 on loopback). */
export function httpRequest(url: string, o: { method?: string; body?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: o.method ?? 'GET', headers: { ...o.headers, ...(o.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(o.body)) } : {}) },
      ...(o.localAddress ? { localAddress: o.localAddress } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

/** The `name=value` part of an answer's Set-Cookie. */
export function cookieOf(answer: Answer): string {
  const set = answer.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error(`no cookie (HTTP ${answer.status})`);
  return first.split(';')[0]!;
}

/** Signs in by login and password through POST /api/sign-in. */
export function signInJson(origin: string, login: string, password: string, localAddress?: string): Promise<Answer> {
  return httpRequest(`${origin}/api/sign-in`, {
    method: 'POST', body: JSON.stringify({ login, password }),
    headers: { 'Content-Type': 'application/json', Origin: origin }, ...(localAddress ? { localAddress } : {}),
  });
}
