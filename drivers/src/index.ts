export type {
  CardEvent,
  CardReader,
  CardReaderEvents,
  CardReaderOptions,
  CardRemovedEvent,
} from './card-reader/card-reader.js';
export { DEFAULT_DEBOUNCE_MS } from './card-reader/card-reader.js';
export { normaliseCardUid } from './card-reader/card-uid.js';
export { SimulatedCardReader, type SimulatedCardReaderOptions } from './card-reader/simulated-card-reader.js';
export { type Clock, systemClock } from './clock.js';
export type { DeviceHealth } from './device-health.js';
export { DRIVER_ERROR_CODES, DriverError, type DriverErrorCode, isDriverError } from './driver-error.js';
export type { Emitter, Listener } from './events/typed-emitter.js';
export type { Logger } from './logger.js';
export type {
  PaperState,
  PrinterStatus,
  PrintJob,
  PrintJobKind,
  PrintResult,
  ReceiptPrinter,
} from './printer/printer.js';
export { DEFAULT_CPL, renderReceiptSvg, renderReceiptText } from './printer/receipt-render.js';
export { SimulatedPrinter, type SimulatedPrinterOptions } from './printer/simulated-printer.js';
export { escapeReceiptText } from './receipt/receiptline-escape.js';
export {
  type FormatMoney,
  type RoomChargeReceipt,
  type RoomChargeReceiptItem,
  roomChargeReceipt,
  shortChargeRef,
} from './receipt/room-charge-receipt.js';
