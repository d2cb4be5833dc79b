import type { IncomingMessage, ServerResponse } from 'node:http';

/** Transport-level faults every fake vendor server can inject before its real handler answers. */
export type FaultKind =
  | 'status-429' | 'status-500' | 'status-502' | 'status-503'
  | 'hang'        // never answers (the client's timeout must fire)
  | 'truncate'    // declares a longer body than it sends, then closes
  | 'malformed'   // 200 with broken JSON
  | 'html'        // 200 text/html login page (a proxy in the way)
  | 'reset';      // destroys the socket without an answer

export interface Fault {
  kind: FaultKind;
  /** Which requests it applies to (default: all). */
  match?: (req: IncomingMessage) => boolean;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** For status-429: the Retry-After seconds to send (omit for none). */
  retryAfterS?: number;
}

export interface FaultLog {
  kind: FaultKind;
  method: string;
  url: string;
}

/** A queue of faults; `apply` answers the request itself when a fault matches, and says so. */
export class FaultPlan {
  private readonly faults: (Fault & { left: number })[] = [];
  readonly injected: FaultLog[] = [];
  private readonly hanging = new Set<ServerResponse>();

  add(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** Ends requests left hanging (call when closing the server). */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  apply(req: IncomingMessage, res: ServerResponse): boolean {
    const fault = this.faults.find((f) => f.left > 0 && (!f.match || f.match(req)));
    if (!fault) return false;
    fault.left--;
    this.injected.push({ kind: fault.kind, method: req.method ?? 'GET', url: req.url ?? '/' });
    switch (fault.kind) {
      case 'status-429':
        res.writeHead(429, { 'content-type': 'application/json', ...(fault.retryAfterS !== undefined ? { 'retry-after': String(fault.retryAfterS) } : {}) });
        res.end(JSON.stringify({ message: 'Too Many Requests' }));
        break;
      case 'status-500':
      case 'status-502':
      case 'status-503': {
        const status = Number(fault.kind.slice(7));
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `Fake ${status}` }));
        break;
      }
      case 'hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        break;
      case 'truncate':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"data":[{"id":"1","status":"succ', () => res.destroy());
        break;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [ {"id": 1,, } ');
        break;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>Sign in</title></head><body><form>Corporate proxy login</form></body></html>');
        break;
      case 'reset':
        req.socket.destroy();
        break;
    }
    return true;
  }
}
