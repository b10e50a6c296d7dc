/**
 * File downloads of relative Hub paths (hub-api.md §2.6): the path is checked and must stay on the
 * Hub's origin; bytes stream into a temporary file next to the destination, which is renamed into
 * place only when complete and removed on error or cancel. Nothing is held in memory.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolveDownloadPath } from './baseUrl';
import { HubError, isHubError } from './errors';
import { headerText, type HubTransport } from './transport';

export const DOWNLOAD_IDLE_TIMEOUT_MS = 60_000;

export interface DownloadProgress {
  readonly received: number;
  /** From Content-Length, when the Hub sent one. */
  readonly total?: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Time without a byte after which the download fails (no total timeout). */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  readonly file: string;
  readonly bytes: number;
  readonly contentType: string;
  /** From Content-Disposition, reduced to a bare file name. */
  readonly suggestedName?: string;
}

export async function downloadToFile(transport: HubTransport, hubPath: string, destination: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const resolved = resolveDownloadPath(transport.baseUrl, hubPath);
  if (!resolved.ok) throw new HubError({ kind: 'refused', message: resolved.message });
  const idleMs = options.idleTimeoutMs ?? DOWNLOAD_IDLE_TIMEOUT_MS;
  const label = `GET ${hubPath.split('?', 1)[0]}`;
  const response = await transport.stream(resolved.url, label, idleMs, options.signal);
  const lengthText = headerText(response.headers['content-length']);
  const total = /^\d+$/.test(lengthText) ? Number(lengthText) : undefined;
  const temp = path.join(path.dirname(destination), `.${path.basename(destination)}.${randomBytes(6).toString('hex')}.part`);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      received += chunk.byteLength;
      options.onProgress?.({ received, total });
      callback(null, chunk);
    },
  });
  try {
    await pipeline(response.body, counter, createWriteStream(temp, { flags: 'wx' }), { signal: options.signal });
    if (total !== undefined && received !== total) {
      throw new HubError({ kind: 'unreachable', message: `The download ended after ${received} of ${total} bytes` });
    }
    await rename(temp, destination);
  } catch (e) {
    response.body.destroy();
    await unlink(temp).catch(() => undefined);
    if (options.signal?.aborted) throw new HubError({ kind: 'cancelled', message: 'Download cancelled' });
    throw isHubError(e) ? e : transport.transportError(e, label, idleMs, options.signal);
  }
  return { file: destination, bytes: received, contentType: headerText(response.headers['content-type']), suggestedName: dispositionName(headerText(response.headers['content-disposition'])) };
}

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first), as a bare name. */
export function dispositionName(header: string): string | undefined {
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  let name: string | undefined;
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(header)?.[1]?.replace(/\\(.)/g, '$1') ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1];
  if (name === undefined) return undefined;
  const bare = path.basename(name.replace(/\\/g, '/')).replace(/[<>:"|?*]/g, '_').replace(/\p{Cc}/gu, '_');
  return bare === '' || bare === '.' || bare === '..' ? undefined : bare.slice(0, 200);
}
