import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CentralConfig, parseCentralConfig } from '@roompost/central';
import { ConfigError } from '@roompost/sync';
import { hashSecret } from '../../../central/src/devices/secret-hash.js';
import { configuredBrokerAuth } from '../../../central/src/mqtt/broker-auth.js';
import { brokerSession } from '../../../central/src/mqtt/external-broker.js';
import { centralConfig } from '../../support/stack.js';

const external = (mqtt: Partial<CentralConfig['mqtt']> = {}, rest: Record<string, unknown> = {}) => ({
  ...centralConfig(0),
  mqtt: { url: 'mqtt://broker.local:1883', username: 'central', password: 'central-secret', ...mqtt },
  ...rest,
});

function problemsOf(json: unknown): string[] {
  try {
    parseCentralConfig(json);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('the config was accepted');
}

test('a Mosquitto broker section is accepted with an external broker and names every bad field', () => {
  const ok = parseCentralConfig(
    external(
      {},
      { broker: { kind: 'mosquitto', admin: { username: 'roompost-admin', password: 'admin-secret' } } },
    ),
  );
  assert.equal(ok.broker?.kind, 'mosquitto');

  const embedded = problemsOf({
    ...centralConfig(0),
    broker: { kind: 'mosquitto', admin: { username: 'roompost-admin', password: 'admin-secret' } },
  });
  assert.ok(
    embedded.some((p) => p.startsWith('broker: ')),
    embedded.join('\n'),
  );

  const bad = problemsOf(
    external({}, { broker: { kind: 'hivemq', admin: { username: '', password: 'short' }, timeoutMs: 10 } }),
  );
  for (const field of ['broker.kind', 'broker.admin.username', 'broker.admin.password', 'broker.timeoutMs']) {
    assert.ok(
      bad.some((p) => p.startsWith(`${field}: `)),
      `${field} named in:\n${bad.join('\n')}`,
    );
  }

  const sameAccount = problemsOf(
    external({}, { broker: { kind: 'mosquitto', admin: { username: 'central', password: 'admin-secret' } } }),
  );
  assert.ok(
    sameAccount.some((p) => p.startsWith('broker.admin.username: ')),
    sameAccount.join('\n'),
  );

  const sharedEmbedded = problemsOf({
    ...centralConfig(0),
    mqtt: { ...centralConfig(0).mqtt, sharedSubscriptions: true },
  });
  assert.ok(
    sharedEmbedded.some((p) => p.startsWith('mqtt.sharedSubscriptions: ')),
    sharedEmbedded.join('\n'),
  );
  const badClientId = problemsOf(external({ clientId: 'central/one' }));
  assert.ok(
    badClientId.some((p) => p.startsWith('mqtt.clientId: ')),
    badClientId.join('\n'),
  );
});

test('central takes charges and RPC through $share/roompost on an external broker, plainly on the embedded one', () => {
  assert.deepEqual(brokerSession(parseCentralConfig(centralConfig(0))), {
    clientId: 'central-HARBOUR',
    clean: false,
    shareGroup: undefined,
  });
  assert.deepEqual(brokerSession(parseCentralConfig(external({ clientId: 'central-HARBOUR-2' }))), {
    clientId: 'central-HARBOUR-2',
    clean: true,
    shareGroup: 'roompost',
  });
  assert.deepEqual(brokerSession(parseCentralConfig(external({ sharedSubscriptions: false }))), {
    clientId: 'central-HARBOUR',
    clean: false,
    shareGroup: undefined,
  });
});

test('a configured device may be given by its secret’s hash: the embedded broker checks it, central.json holds no secret', async () => {
  const secretHash = await hashSecret('pool-kiosk-secret-0123456789');
  const config = parseCentralConfig({
    ...centralConfig(0),
    devices: [{ id: 'pool-kiosk-1', outletCode: 'POOL', secretHash }],
  });
  const auth = configuredBrokerAuth(config);
  assert.deepEqual(await auth('pool-kiosk-1', Buffer.from('pool-kiosk-secret-0123456789')), {
    kind: 'device',
    property: config.property,
    device: 'pool-kiosk-1',
  });
  assert.equal(await auth('pool-kiosk-1', Buffer.from('pool-kiosk-secret-0123456780')), null);
  assert.equal(await auth('pool-kiosk-1', undefined), null);
  assert.ok(!JSON.stringify(config).includes('pool-kiosk-secret'));

  const both = problemsOf({
    ...centralConfig(0),
    devices: [{ id: 'pool-kiosk-1', outletCode: 'POOL', secret: 'pool-kiosk-secret-0123456789', secretHash }],
  });
  assert.ok(
    both.some((p) => p.startsWith('devices.0.secretHash')),
    both.join('; '),
  );
  const withExternal = problemsOf(
    external(
      {},
      {
        broker: { kind: 'mosquitto', admin: { username: 'roompost-admin', password: 'admin-secret' } },
        devices: [{ id: 'pool-kiosk-1', outletCode: 'POOL', secretHash }],
      },
    ),
  );
  assert.ok(
    withExternal.some((p) => p.startsWith('devices')),
    withExternal.join('; '),
  );
});
