import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { HEADER_AUTHORIZATION, type HubDescriptor } from '../../protocol/hubApi';
import { exportPackets } from '../export/exporter';
import { parseExportQuery, prepareExport } from '../snapshots/exportRequest';
import { isSnapshotId } from '../snapshots/snapshotRecord';
import { type HubContext } from './context';
import { HubError, invalidArgument, notFound } from './errors';
import { type ToolRegistry } from './tools/registry';
import { requireLocal } from './tools/snapshotView';

/** Idle keep-alive of client connections (see createHubServer). */
const KEEP_ALIVE_MS = 120_000;

const MAX_BODY_BYTES = 1 << 20;
const DOWNLOAD_PATH = /^\/api\/mcp\/snapshots\/([^/]+)\/pcap$/;

export interface HttpOptions {
  /** When set, every request but `GET /api/echo` must carry it in X-Kubeshark-Authorization. */
  token: string | null;
}

/** The Hub's HTTP surface (hub-api.md §1.2, §2, §2.6, §3.1): JSON in, JSON out, downloads streamed. */
export function createHubServer(ctx: HubContext, registry: ToolRegistry, options: HttpOptions): Server {
  const expected = options.token === null ? null : Buffer.from(options.token);
  const authorized = (req: IncomingMessage): boolean => {
    if (!expected) return true;
    const given = req.headers[HEADER_AUTHORIZATION.toLowerCase()];
    const value = Buffer.from(typeof given === 'string' ? given : '');
    return value.length === expected.length && timingSafeEqual(value, expected);
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://local');
    res.on('finish', () => ctx.log.info('request', { method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started }));
    route(req, res, url).catch((e: unknown) => sendError(res, e, ctx));
  });
  // Clients keep connections alive between calls that may be minutes apart (a person reading the
  // tree). Node's 5 s default races them: a request sent as the server closes an idle socket fails
  // with "other side closed". Advertise a long timeout; clients close idle sockets before it.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { pathname } = url;
    if (req.method === 'GET' && pathname === '/api/echo') return sendJson(res, 200, { ok: true });
    if (!authorized(req)) throw new HubError('UNAUTHENTICATED', `missing or wrong ${HEADER_AUTHORIZATION} header`);
    if (req.method === 'GET' && pathname === '/api/mcp') return sendJson(res, 200, descriptor());
    if (req.method === 'POST' && pathname === '/api/mcp/tools/call') {
      const body = await readJson(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidArgument('body', 'the request body must be a JSON object {"name", "arguments"}');
      const { name, arguments: args } = body as Record<string, unknown>;
      if (typeof name !== 'string') throw invalidArgument('name', "the request body needs the tool's 'name' (a string)");
      return sendJson(res, 200, await registry.call(name, args ?? {}, ctx));
    }
    const download = DOWNLOAD_PATH.exec(pathname);
    if (req.method === 'GET' && download) return streamExport(res, decodeURIComponent(download[1]!), url.searchParams);
    throw notFound(`no such path: ${req.method} ${pathname}`);
  }

  function descriptor(): HubDescriptor {
    return {
      name: 'kubeshark-local-hub',
      description: 'Local Hub: a Kubeshark Hub API over a folder of PCAP/PCAPNG files.',
      version: ctx.version,
      tools: registry.descriptors(),
      prompts: [],
    };
  }

  async function streamExport(res: ServerResponse, id: string, query: URLSearchParams): Promise<void> {
    if (!isSnapshotId(id)) throw notFound(`snapshot '${id}' not found`);
    const prepared = prepareExport(ctx.snapshots, parseExportQuery(id, query), (sid) => requireLocal(ctx, sid));
    res.writeHead(200, {
      'Content-Type': prepared.plan.contentType,
      'Content-Disposition': `attachment; filename="${prepared.filename}"`,
      'Cache-Control': 'no-store',
    });
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const result = await exportPackets(prepared.files, prepared.plan, { filter: prepared.filter, startMs: prepared.startMs, endMs: prepared.endMs, signal: abort.signal }, (chunk) => {
      // The response keeps the chunk until it reaches the socket; the exporter reuses its buffer.
      if (res.write(Buffer.from(chunk)) || res.destroyed) return undefined;
      return Promise.race([once(res, 'drain'), once(res, 'close')]).then(() => undefined);
    });
    for (const e of result.errors) ctx.log.warn('export-source-damaged', { id, error: e.message });
    res.end();
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, e: unknown, ctx: HubContext): void {
  const error = e instanceof HubError ? e : new HubError('INTERNAL', `internal error: ${e instanceof Error ? e.message : String(e)}`);
  if (error.code === 'INTERNAL') ctx.log.error('internal-error', { error: e instanceof Error ? e.stack : String(e) });
  if (res.headersSent) {
    res.destroy(); // a download that failed half-way: cut it so the client sees an incomplete transfer
    return;
  }
  sendJson(res, error.status, error.body());
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw invalidArgument('body', `the request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalidArgument('body', 'the request body is not valid JSON');
  }
}

/** Listens on `host:port` (port 0 = ephemeral) and resolves to the bound port. */
export async function listen(server: Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}
