import type { Logger } from '@roompost/sync';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

/** A Logger that keeps every line, so a test can assert that something was logged (and why). */
export function recordingLogger(): Logger & { entries: LogEntry[]; find(msg: string): LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    find: (msg) => entries.filter((e) => e.msg === msg),
  };
}
