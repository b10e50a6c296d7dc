/** A logger that keeps its lines in memory (the Hub client's HubLogger shape), for tests to read. */
export class MemoryLogger {
  readonly lines: string[] = [];
  debug(message: string): void { this.lines.push(`debug ${message}`); }
  info(message: string): void { this.lines.push(`info ${message}`); }
  warn(message: string): void { this.lines.push(`warn ${message}`); }
  error(message: string): void { this.lines.push(`error ${message}`); }
}
