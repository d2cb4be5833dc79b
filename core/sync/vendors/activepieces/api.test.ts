import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.ts';
import { HttpFailure, type HttpRequest } from '../../../platform/http/types.ts';
import { createMemoryLogger } from '../../../platform/logger.ts';
import { createActivepiecesApi, instanceUrlOf, NO_PROJECT, readSeekPage } from './api.ts';
import { ACTIVEPIECES_BUDGET, createActivepiecesDriver } from './driver.ts';

function deps(baseUrl: string, answer: (req: HttpRequest) => unknown, options: Record<string, unknown> = { projectId: 'proj01' }, key: string | null = 'sk-good') {
  const sent: HttpRequest[] = [];
  return {
    sent,
    deps: {
      config: { id: 'c', kind: 'activepieces' as const, name: 'AP', baseUrl, options },
      http: { request: async <T>(req: HttpRequest) => {
        sent.push(req);
        const body = answer(req);
        if (body instanceof Error) throw body;
        return { status: 200, headers: {}, body: body as T, fromCache: false };
      } },
      credential: async () => key, clock: fixedClock(0), logger: createMemoryLogger(),
    },
  };
}

describe('Activepieces API (docs/vendors.md A1–A3, A9)', () => {
  it('addresses /api/v1 under the instance however the address was pasted, with the key as a Bearer token', async () => {
    const cases: [string, string][] = [
      ['https://ap.example.test', '/api/v1/flows'], ['https://ap.example.test/', '/api/v1/flows'],
      ['https://ap.example.test/api', '/v1/flows'], ['https://ap.example.test/api/v1/', '/flows'],
    ];
    for (const [base, path] of cases) {
      const { deps: d, sent } = deps(base, () => ({ data: [], next: null, previous: null }));
      await createActivepiecesApi(d).list('/flows', { limit: 5 });
      expect(sent[0]!.path).toBe(`${path}?limit=5&projectId=proj01`);
      expect(sent[0]!.headers).toEqual({ authorization: 'Bearer sk-good' });
      expect(instanceUrlOf(base)).toBe('https://ap.example.test');
    }
  });

  it('reads { data, next } and calls anything else the wrong server', () => {
    expect(readSeekPage({ data: [1], next: 'abc', previous: null }, 'GET /v1/flows')).toEqual({ data: [1], next: 'abc' });
    expect(readSeekPage({ data: [] }, 'x')).toEqual({ data: [], next: null });
    for (const body of [null, [], { items: [] }, { data: [], next: 5 }]) expect(() => readSeekPage(body, 'x')).toThrow(HttpFailure);
  });

  it('says what a 401 and a 403 mean for the key and the project', async () => {
    const refuse = (status: number, code: string) => () => new HttpFailure('auth', 'raw', { status, body: { code, params: { message: 'invalid api key' } } });
    await expect(createActivepiecesApi(deps('https://ap.test', refuse(401, 'AUTHENTICATION'), undefined, 'not-a-key').deps).get('/flows'))
      .rejects.toThrow(/rejected the API key \(401: invalid api key\).*start with "sk-"/);
    await expect(createActivepiecesApi(deps('https://ap.test', refuse(403, 'AUTHORIZATION')).deps).get('/flows'))
      .rejects.toThrow(/refused access to project proj01 \(403/);
    await expect(createActivepiecesApi(deps('https://ap.test', () => ({}), {}).deps).get('/flows')).rejects.toThrow(NO_PROJECT);
  });

  it('the driver switches flows on and off and does nothing else; its budget is 60 a minute (A8, A10)', () => {
    const driver = createActivepiecesDriver(deps('https://ap.test', () => ({})).deps);
    expect(driver.kind).toBe('activepieces');
    expect(Object.keys(driver.actions).sort()).toEqual(['activateWorkflow', 'deactivateWorkflow']);
    expect(ACTIVEPIECES_BUDGET).toEqual({ limit: 60, windowMs: 60_000 });
  });
});
