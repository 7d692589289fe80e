import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  webcrypto,
  X509Certificate,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

// The property CA: created by `roompost-central init` (or central's first start) in `<data dir>/tls/`, it signs the
// broker's server certificate, and devices get its certificate at enrollment to verify the broker.
//   ca.key / ca.crt          ECDSA P-256, self-signed, 10 years; the key is 0600 and never leaves
//   broker.key / broker.crt  re-issued at every start for the names the broker is reached by
//   https.key / https.crt    the same for the HTTP API, when `http.tls` asks for the property CA

const ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const crypto = webcrypto;

// @peculiar/x509 and its reflect-metadata polyfill hold ~17 MB once loaded: imported when a
// certificate is first needed (TLS configured, `init`), not at every start.
const importX509 = async () => {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(crypto);
  return x509;
};
let x509Module: ReturnType<typeof importX509> | undefined;
const peculiar = () => {
  x509Module ??= importX509();
  return x509Module;
};

export interface BrokerTls {
  /** The property CA certificate (PEM): what devices trust. */
  caCertificate: string;
  /** The broker's server certificate chain (PEM) and key (PEM). */
  cert: string;
  key: string;
  /** The DNS names and IPs the server certificate is valid for. */
  names: string[];
}

const newKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

async function webKeys(privateKey: KeyObject): Promise<webcrypto.CryptoKeyPair> {
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, ALG, false, ['sign']),
    publicKey: await crypto.subtle.importKey('spki', spki, ALG, true, ['verify']),
  };
}

const writeSecret = (file: string, pem: string) => {
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
};

/** Loads the property CA from `dir`, creating it on first start. */
async function loadOrCreateCa(dir: string, property: string, now: Date) {
  const x509 = await peculiar();
  const keyFile = join(dir, 'ca.key');
  const certFile = join(dir, 'ca.crt');
  if (existsSync(keyFile) && existsSync(certFile)) {
    const key = createPrivateKey(readFileSync(keyFile, 'utf8'));
    chmodSync(keyFile, 0o600);
    return { key, keys: await webKeys(key), cert: new x509.X509Certificate(readFileSync(certFile, 'utf8')) };
  }
  const key = newKey();
  const keys = await webKeys(key);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=roompost ${property} property CA, O=roompost`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeSecret(keyFile, key.export({ type: 'pkcs8', format: 'pem' }).toString());
  writeFileSync(certFile, cert.toString('pem'));
  return { key, keys, cert };
}

/**
 * The broker's TLS material: the property CA (created on first start) and a fresh server
 * certificate for `names` (host names and IPs; wildcard listen addresses are skipped).
 */
export function propertyBrokerTls(
  dataDir: string,
  property: string,
  names: string[],
  now: Date = new Date(),
): Promise<BrokerTls> {
  return propertyServerTls(dataDir, property, names, 'broker', now);
}

/** The SHA-256 fingerprint of a PEM certificate, as `openssl x509 -fingerprint -sha256` prints it. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/**
 * A server certificate of the property CA for `names`, written as `<stem>.crt`/`<stem>.key` in
 * `<data dir>/tls/` (`broker` for the MQTT broker, `https` for the HTTP API); the CA is created
 * on first use.
 */
export async function propertyServerTls(
  dataDir: string,
  property: string,
  names: string[],
  stem: 'broker' | 'https',
  now: Date = new Date(),
): Promise<BrokerTls> {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const x509 = await peculiar();
  const ca = await loadOrCreateCa(dir, property, now);
  const unique = [...new Set(names.filter((n) => n && n !== '0.0.0.0' && n !== '::'))];
  if (unique.length === 0) unique.push('localhost');
  const key = newKey();
  const keys = await webKeys(key);
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${unique[0]}, O=roompost`,
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 825 * DAY),
    signingAlgorithm: SIGNING,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        unique.map((value) => ({ type: isIP(value) ? ('ip' as const) : ('dns' as const), value })),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeSecret(join(dir, `${stem}.key`), keyPem);
  writeFileSync(join(dir, `${stem}.crt`), cert.toString('pem'));
  const caPem = ca.cert.toString('pem');
  return { caCertificate: caPem, cert: cert.toString('pem'), key: keyPem, names: unique };
}
