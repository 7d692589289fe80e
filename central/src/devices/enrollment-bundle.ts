import type { FolioService } from '@roompost/folio';
import type { EnrollmentBundle } from '../http/device-routes.js';
import type { DeviceRow } from './device.repository.js';

/** What a device learns when it enrolls: who it is, where the broker is, its secret, its outlet, the hotel. */
export function enrollmentBundle(o: {
  property: string;
  /** The broker URL devices dial (mqtt.publicUrl, else central's own). */
  mqttUrl: string;
  /** The property CA a device pins; null without TLS. */
  caCertificate: string | null;
  outletName: (code: string) => string | undefined;
  folio: Pick<FolioService, 'getProperty' | 'getPropertyProfile'>;
}): (device: DeviceRow, secret: string) => Promise<EnrollmentBundle> {
  return async (device, secret) => {
    const hotel = await o.folio.getProperty();
    // India: the property's GSTIN, which the outlet prints on its receipts (CGST Rule 46).
    const gstin = hotel ? (await o.folio.getPropertyProfile()).gstin : null;
    return {
      property: o.property,
      device: device.id,
      mqtt: { url: o.mqttUrl, username: device.id, password: secret, caCertificate: o.caCertificate },
      outlet: {
        code: device.outlet_code,
        name: o.outletName(device.outlet_code) ?? device.outlet_code,
        mode: device.mode,
      },
      hotel: hotel ? { name: hotel.name, currency: hotel.currency, timeZone: hotel.timeZone, gstin } : null,
    };
  };
}
