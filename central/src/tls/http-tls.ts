import { readFileSync } from 'node:fs';
import { ConfigError } from '@roompost/sync';
import type { CentralConfig } from '../config/central-config.js';
import { type BrokerTls, propertyServerTls } from './property-ca.js';

export interface HttpTls {
  cert: string;
  key: string;
  /** The property CA's certificate when the certificate is the CA's; null for a hotel-supplied one. */
  caCertificate: string | null;
}

/**
 * The HTTPS material for central's API from `http.tls`: a certificate of the property CA for
 * `http.host` and `http.tls.names`, or the hotel's own certificate and key files. Null: plain HTTP.
 */
export async function centralHttpTls(
  http: CentralConfig['http'],
  dataDir: string,
  property: string,
): Promise<HttpTls | null> {
  const tls = http.tls;
  if (!tls) return null;
  if ('certFile' in tls) {
    const read = (file: string, key: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        throw new ConfigError('central config', [
          `http.tls.${key}: cannot read ${file}: ${(err as Error).message}`,
        ]);
      }
    };
    return { cert: read(tls.certFile, 'certFile'), key: read(tls.keyFile, 'keyFile'), caCertificate: null };
  }
  const issued: BrokerTls = await propertyServerTls(dataDir, property, [http.host, ...tls.names], 'https');
  return { cert: issued.cert, key: issued.key, caCertificate: issued.caCertificate };
}
