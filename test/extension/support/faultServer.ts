/**
 * A tiny HTTP server that answers what a test tells it to: the fault injector for the answers the
 * local Hub cannot produce (401, 302, 5xx, malformed JSON, silence). It records every request with
 * its headers, so tests can also prove what was NOT sent.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { type ToolDescriptor } from '../../../protocol/hubApi';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export class FaultServer {
  readonly requests: RecordedRequest[] = [];
  private readonly _routes = new Map<string, Handler[]>();
  private readonly _sockets = new Set<Socket>();
  private readonly _closedRequests: (() => void)[] = [];

  private constructor(private readonly _server: Server, readonly url: string) {}

  /** Starts on an ephemeral loopback port; `/api/echo` answers 200 and `/api/mcp` lists `tools`. */
  static async start(tools: readonly ToolDescriptor[] = []): Promise<FaultServer> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fault = new FaultServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => fault._handle(req, res));
    server.on('connection', (socket: Socket) => {
      fault._sockets.add(socket);
      socket.once('close', () => fault._sockets.delete(socket));
    });
    fault.on('GET', '/api/echo', (_req, res) => json(res, 200, { ok: true }));
    fault.on('GET', '/api/mcp', (_req, res) => json(res, 200, { name: 'fault-hub', version: '9.9', tools }));
    return fault;
  }

  /** Handlers answer in turn; the last one keeps answering. */
  on(method: string, path: string, ...handlers: Handler[]): this {
    this._routes.set(`${method} ${path}`, handlers);
    return this;
  }

  /** Requests for a path (`POST /api/mcp/tools/call`). */
  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  /** Resolves when the server sees a request's connection close before it answered (a client abort). */
  nextAbandonedRequest(): Promise<void> {
    return new Promise((resolve) => this._closedRequests.push(resolve));
  }

  /** Cuts every open connection at once (a Hub that dies). */
  destroyConnections(): void {
    for (const socket of this._sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.destroyConnections();
    this._server.close();
    await once(this._server, 'close');
  }

  private _handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      res.once('close', () => {
        if (!res.writableEnded) this._closedRequests.splice(0).forEach((resolve) => resolve());
      });
      const handlers = this._routes.get(`${req.method} ${path}`);
      if (!handlers || handlers.length === 0) return json(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.method} ${path}` } });
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0]!;
      handler(req, res, body);
    });
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers });
  res.end(body);
}

/** A tool descriptor with these properties (all optional unless listed in `required`). */
export function toolWith(name: string, properties: Record<string, unknown>, required: string[] = []): ToolDescriptor {
  return { name, inputSchema: { type: 'object', properties: properties as never, required } };
}
