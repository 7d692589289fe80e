/** The subset of pino's logger the drivers call; the service passes its own pino instance. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
