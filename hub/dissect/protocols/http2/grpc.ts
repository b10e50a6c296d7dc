/** gRPC over HTTP/2: service and method from `:path`, and the length-prefixed message framing. */

export function isGrpcContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/grpc(?:[+;]|$)/i.test(contentType);
}

/** `/pkg.Service/Method` → ['pkg.Service', 'Method']; other paths give the last segment as method. */
export function grpcNames(path: string): [string, string] {
  const parts = path.split('/');
  const method = parts[parts.length - 1] ?? '';
  const service = parts.length >= 3 ? parts[parts.length - 2]! : '';
  return [service, method];
}

/**
 * Counts gRPC messages in a DATA stream: each is a 1-byte compressed flag and a 4-byte big-endian
 * length, then the message. Only the 5-byte prefixes are looked at; message bytes are skipped.
 */
export class GrpcFraming {
  messages = 0;
  private prefixHave = 0;
  private length = 0;
  private skip = 0;

  feed(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.skip > 0) {
        const take = Math.min(this.skip, bytes.length - at);
        this.skip -= take;
        at += take;
        continue;
      }
      const b = bytes[at++]!;
      if (this.prefixHave > 0) this.length = this.length * 256 + b;
      this.prefixHave++;
      if (this.prefixHave === 5) {
        this.messages++;
        this.skip = this.length;
        this.prefixHave = 0;
        this.length = 0;
      }
    }
  }
}
