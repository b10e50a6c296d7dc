/**
 * Where the Hub client reports what it does: the extension passes its LogOutputChannel. Lines name
 * the method, path or tool, status and milliseconds, never a header value.
 */
export interface HubLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
