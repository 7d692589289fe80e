/**
 * The few parts of serialport 13 the drivers use, typed structurally: tests pass
 * `@serialport/binding-mock`'s SerialPortMock or a socat pty, and nothing loads the native
 * binding until a serial device opens. Never call `SerialPort.list()`: without udevadm it
 * crashes the process (reference/edge-stack.md §4).
 */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer | string, callback?: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'close', listener: (error?: Error | null) => void): this;
  removeAllListeners(): this;
}

export interface SerialPortSettings {
  path: string;
  baudRate: number;
  /** Line settings where the device needs other than 8N1 (a FIAS link may be 7E1). */
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
}

export type SerialPortFactory = (settings: SerialPortSettings & { autoOpen: false }) => SerialPortLike;

/** Loads serialport on first use; rejects when the module or its prebuilt binding is missing. */
export async function loadSerialPort(): Promise<SerialPortFactory> {
  const specifier = 'serialport';
  const module = (await import(specifier)) as {
    SerialPort: new (options: SerialPortSettings & { autoOpen: false }) => SerialPortLike;
  };
  return (settings) => new module.SerialPort(settings);
}

/** Opens a port; rejects with the OS error (ENOENT for a path that does not exist). */
export function openPort(port: SerialPortLike): Promise<void> {
  return new Promise((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
}

/** Writes and waits until the OS has sent the bytes (drain). */
export function writeAll(port: SerialPortLike, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(bytes, (error) => {
      if (error) return reject(error);
      port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
    });
  });
}

export function closePort(port: SerialPortLike): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}
