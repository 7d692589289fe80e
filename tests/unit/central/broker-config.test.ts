import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CentralConfig, parseCentralConfig } from '@roompost/central';
import { ConfigError } from '@roompost/sync';
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
