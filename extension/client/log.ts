/**
 * Where the Hub client reports what it does. The extension passes its LogOutputChannel; tests pass
 * an array. Lines name the method, path or tool, status and milliseconds, never a header value.
 */
export interface HubLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that keeps lines in memory (tests, and the moments before the output channel exists). */
export class MemoryLogger implements HubLogger {
  readonly lines: string[] = [];
  debug(message: string): void { this.lines.push(`debug ${message}`); }
  info(message: string): void { this.lines.push(`info ${message}`); }
  warn(message: string): void { this.lines.push(`warn ${message}`); }
  error(message: string): void { this.lines.push(`error ${message}`); }
}
