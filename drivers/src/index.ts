export type {
  CardEvent,
  CardReader,
  CardReaderEvents,
  CardReaderOptions,
  CardRemovedEvent,
} from './card-reader/card-reader.js';
export { DEFAULT_DEBOUNCE_MS } from './card-reader/card-reader.js';
export { normaliseCardUid } from './card-reader/card-uid.js';
export {
  PcscCardReader,
  type PcscCardReaderOptions,
  type PcscTrace,
} from './card-reader/pcsc-card-reader.js';
export type { PcscCard, PcscDevices, PcscDevicesFactory } from './card-reader/pcsc-module.js';
export { SimulatedCardReader, type SimulatedCardReaderOptions } from './card-reader/simulated-card-reader.js';
export { type Clock, systemClock } from './clock.js';
export type { DeviceHealth, DeviceStatus } from './device-health.js';
export { DRIVER_ERROR_CODES, DriverError, type DriverErrorCode, isDriverError } from './driver-error.js';
export type { Emitter, Listener } from './events/typed-emitter.js';
export { DebouncedInput } from './gpio/debounced-input.js';
export { FakeGpio, type FakeGpioOptions } from './gpio/fake-gpio.js';
export {
  DEFAULT_GPIO_DEBOUNCE_MS,
  type DigitalInput,
  type DigitalOutput,
  type GpioDriver,
  type InputEvents,
  type InputOptions,
  type LineRef,
  type OutputOptions,
} from './gpio/gpio.js';
export { GpiodCliGpio, type GpiodCliGpioOptions } from './gpio/gpiod-cli-gpio.js';
export { LineHolder, type LineHolderOptions } from './gpio/gpiod-line-holder.js';
export {
  type GpiodMajor,
  gpiodMajorOf,
  gpiogetArgs,
  gpiomonArgs,
  gpiomonEdge,
} from './gpio/gpiod-tool-args.js';
export { sysfsNumber } from './gpio/sysfs-chip.js';
export { type OnoffGpioClass, type OnoffLine, SysfsGpio, type SysfsGpioOptions } from './gpio/sysfs-gpio.js';
export type { Logger } from './logger.js';
export { DeviceFileTransport } from './printer/device-file-transport.js';
export { EscPosPrinter, type EscPosPrinterOptions } from './printer/escpos-printer.js';
export {
  type EscPosStatus,
  parseStatus,
  STATUS_ANSWER_LENGTH,
  STATUS_REQUEST,
} from './printer/escpos-status.js';
export type {
  PaperState,
  PrinterCondition,
  PrinterStatus,
  PrintJob,
  PrintJobKind,
  PrintResult,
  ReceiptPrinter,
} from './printer/printer.js';
export { isMissingDevice, type PrinterTransport } from './printer/printer-transport.js';
export { DEFAULT_CPL, renderReceiptSvg, renderReceiptText } from './printer/receipt-render.js';
export { SerialTransport, type SerialTransportOptions } from './printer/serial-transport.js';
export { SimulatedPrinter, type SimulatedPrinterOptions } from './printer/simulated-printer.js';
export { TcpTransport, type TcpTransportOptions } from './printer/tcp-transport.js';
export { type OutletSummary, outletSummary } from './receipt/outlet-summary.js';
export { type PrinterTestPage, printerTestPage } from './receipt/printer-test-page.js';
export { escapeReceiptText } from './receipt/receiptline-escape.js';
export {
  type FormatMoney,
  type RoomChargeReceipt,
  type RoomChargeReceiptItem,
  roomChargeReceipt,
  SIGNATURE_MAX_HEIGHT,
  SIGNATURE_MAX_WIDTH,
  shortChargeRef,
  signaturePngProblem,
} from './receipt/room-charge-receipt.js';
export { type VoidSlip, voidSlip } from './receipt/void-slip.js';
export { Backoff, type BackoffOptions, RetryTimer } from './reconnect/backoff.js';
export type { LineDevice, LineDeviceEvents } from './serial/line-device.js';
export { LineSplitter } from './serial/line-splitter.js';
export { POLE_WIDTH, PoleDisplay, poleFrame } from './serial/pole-display.js';
export { SerialLineDevice, type SerialLineDeviceOptions } from './serial/serial-line-device.js';
export type { SerialPortFactory, SerialPortLike, SerialPortSettings } from './serial/serial-port.js';
export { SimulatedLineDevice } from './serial/simulated-line-device.js';
