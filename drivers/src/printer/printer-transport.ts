/**
 * How ESC/POS bytes reach a printer. One job or one status query at a time (EscPosPrinter
 * serialises them). Transports throw plain errors; the printer maps them to DriverError codes.
 */
export interface PrinterTransport {
  /** Where it prints, for logs and reasons: `tcp://10.0.0.5:9100`, `serial:/dev/ttyUSB0`. */
  readonly target: string;
  /** Sends one whole job. Rejects on any I/O error, including a connection closed part-way. */
  send(bytes: Buffer): Promise<void>;
  /**
   * Sends `request` and resolves with the first `length` bytes the printer answers; rejects after
   * `timeoutMs`. Absent when the transport cannot read (a write-only device file).
   */
  query?(request: Buffer, length: number, timeoutMs: number): Promise<Buffer>;
  /** Releases any handle the transport keeps open between jobs. */
  close(): Promise<void>;
}

/** Errors that mean "the device is not there" (a person must fix the config or plug it in). */
export function isMissingDevice(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO' || code === 'EACCES') return true;
  // serialport's binding reports open failures by message only ("No such file or directory, cannot open …").
  return /no such file|cannot open|permission denied/i.test((error as Error | undefined)?.message ?? '');
}
