/**
 * The few parts of the `smartcard` module (tomkp, N-API) the PC/SC reader uses, typed
 * structurally so nothing here loads the native addon until a PC/SC reader actually starts.
 *
 * Why `smartcard` and not nfc-pcsc: nfc-pcsc (@pokusew/pcsclite) calls JS listeners while holding
 * the reader's native mutex, so closing a reader in the code after `await once(reader, 'card.off')`
 * deadlocks the process, and 3 of ~70 test runs never exited after close (a leaked uv handle).
 * `smartcard` exited cleanly every time (reference/edge-stack.md §1) and is ABI-stable N-API.
 */
export interface PcscReaderInfo {
  name: string;
}

export interface PcscCard {
  transmit(command: Buffer): Promise<Buffer>;
}

export interface PcscDevices {
  on(event: 'reader-attached' | 'reader-detached', listener: (reader: PcscReaderInfo) => void): unknown;
  on(event: 'card-inserted', listener: (event: { reader: PcscReaderInfo; card: PcscCard }) => void): unknown;
  on(event: 'card-removed', listener: (event: { reader: PcscReaderInfo }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  start(): void;
  stop(): void;
}

export type PcscDevicesFactory = () => PcscDevices;

/** Loads `smartcard` on first use; rejects when the optional module or libpcsclite is missing. */
export async function loadSmartcard(): Promise<PcscDevicesFactory> {
  // A variable specifier: the module is optional, so neither tsc nor a bundler may require it.
  const specifier = 'smartcard';
  const module = (await import(specifier)) as { Devices?: new () => PcscDevices };
  const Devices = module.Devices;
  if (typeof Devices !== 'function') throw new Error('the smartcard module has no Devices class');
  return () => new Devices();
}

/**
 * Errors `smartcard` reports for the PC/SC service as a whole (pcscd stopped, restarted or
 * unreachable), as opposed to one card failing to connect. Those need a fresh context.
 */
export function isServiceError(error: Error): boolean {
  return /service|communication|cancel|no smart ?card readers|invalid handle|context/i.test(error.message);
}
