import { centralAccess, deviceAccess, deviceClientId, type Logger, type TopicAccess } from '@roompost/sync';
import mqtt from 'mqtt';
import { BrokerAccessError, type MosquittoDynsec } from './mosquitto-dynsec.js';

/** The broker side of a device's lifecycle: called by the device registry inside its transactions. */
export interface DeviceBrokerAccounts {
  /** The device may connect with this secret, on its own topics only (created, or its password replaced). */
  provision(device: string, secret: string): Promise<void>;
  /** The device's account is gone and its connections are closed. */
  remove(device: string): Promise<void>;
}

interface Acl {
  acltype: string;
  topic: string;
  priority: number;
  allow: boolean;
}

/** The ACLs of a role for the contract's access rules (sync/src/contract/access.ts). */
export function rolesAcls(access: TopicAccess, opts: { shareGroup?: string } = {}): Acl[] {
  const acl = (acltype: string, topic: string): Acl => ({ acltype, topic, priority: 0, allow: true });
  const wildcard = (t: string) => t.includes('#') || t.includes('+');
  return [
    ...access.publish.map((t) => acl('publishClientSend', t)),
    ...access.subscribe.map((t) => acl('publishClientReceive', t)),
    ...access.subscribe.map((t) => acl(wildcard(t) ? 'subscribePattern' : 'subscribeLiteral', t)),
    // Mosquitto 2.0 checks a shared subscription by its full `$share/{group}/…` filter.
    ...(opts.shareGroup === undefined
      ? []
      : access.subscribe.map((t) => acl('subscribePattern', `$share/${opts.shareGroup}/${t}`))),
  ];
}

const sameAcls = (a: Acl[], b: Acl[]) => {
  const key = (x: Acl) => `${x.acltype} ${x.topic} ${x.priority} ${x.allow}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
};

export interface MosquittoAccessOptions {
  dynsec: MosquittoDynsec;
  property: string;
  logger: Logger;
  /** The broker URL, for the check that central's own password still works. */
  url: string;
  ca?: string;
  shareGroup?: string;
}

/**
 * Central's accounts on a Mosquitto broker with dynamic security: its own (the only one reading every
 * topic of the property), and one client + role per enrolled device. Roles are named
 * `roompost-{property}-central` and `roompost-{property}-device-{device}`; a device's client is its id.
 */
export class MosquittoAccess implements DeviceBrokerAccounts {
  readonly #o: MosquittoAccessOptions;

  constructor(options: MosquittoAccessOptions) {
    this.#o = options;
  }

  centralRole(): string {
    return `roompost-${this.#o.property}-central`;
  }

  deviceRole(device: string): string {
    return `roompost-${this.#o.property}-device-${device}`;
  }

  /** Central's service account with its role; its password is set only when the one configured does not work. */
  async ensureCentral(username: string, password: string): Promise<void> {
    const role = this.centralRole();
    await this.#ensureRole(role, rolesAcls(centralAccess(this.#o.property), this.#shareOpt()));
    await this.#ensureAccount(username, password, role);
  }

  /** A device of central.json's `devices` (its secret is in the file): same account as an enrolled one. */
  async ensureConfiguredDevice(device: string, secret: string): Promise<void> {
    const role = this.deviceRole(device);
    await this.#ensureRole(role, rolesAcls(deviceAccess(this.#o.property, device)));
    await this.#ensureAccount(device, secret, role, deviceClientId(this.#o.property, device));
  }

  async provision(device: string, secret: string): Promise<void> {
    const role = this.deviceRole(device);
    await this.#ensureRole(role, rolesAcls(deviceAccess(this.#o.property, device)));
    const created = await this.#o.dynsec.expect(
      {
        command: 'createClient',
        username: device,
        password: secret,
        // The account is bound to the device's own client id: it cannot take over another session.
        clientid: deviceClientId(this.#o.property, device),
        textname: `roompost device ${device} of ${this.#o.property}`,
        roles: [{ rolename: role }],
      },
      ['Client already exists'],
    );
    if (created.error !== undefined) {
      // Re-enrollment: the new secret replaces the old one (and kicks the old connection) and the
      // client holds exactly its own role.
      await this.#o.dynsec.expect({
        command: 'modifyClient',
        username: device,
        password: secret,
        clientid: deviceClientId(this.#o.property, device),
        roles: [{ rolename: role }],
      });
    }
  }

  async remove(device: string): Promise<void> {
    // Deleting the client kicks its connections at once (the plugin's deleteClient).
    await this.#o.dynsec.expect({ command: 'deleteClient', username: device }, ['Client not found']);
    await this.#o.dynsec.expect({ command: 'deleteRole', rolename: this.deviceRole(device) }, [
      'Role not found',
    ]);
  }

  /**
   * At start: revoked devices have no account, active ones hold their role. An active device with no
   * account (a broker whose dynamic-security file was lost) must enroll again: logged, not guessed.
   */
  async reconcile(devices: Array<{ id: string; status: 'pending' | 'active' | 'revoked' }>): Promise<void> {
    for (const d of devices) {
      if (d.status === 'revoked') {
        await this.remove(d.id);
        continue;
      }
      if (d.status !== 'active') continue;
      const role = this.deviceRole(d.id);
      await this.#ensureRole(role, rolesAcls(deviceAccess(this.#o.property, d.id)));
      const found = await this.#o.dynsec.expect({ command: 'getClient', username: d.id }, [
        'Client not found',
      ]);
      if (found.error !== undefined) {
        this.#o.logger.error(
          { device: d.id },
          'enrolled device has no account on the broker: issue it a new enrollment token',
        );
        continue;
      }
      await this.#ensureClientRole(d.id, role, deviceClientId(this.#o.property, d.id));
    }
  }

  /** Warns when the broker lets clients without a matching ACL publish or subscribe. */
  async checkDefaults(): Promise<void> {
    const answer = await this.#o.dynsec.expect({ command: 'getDefaultACLAccess' });
    const acls = (answer.data?.acls ?? []) as Array<{ acltype: string; allow: boolean }>;
    const open = acls.filter(
      (a) => (a.acltype === 'publishClientSend' || a.acltype === 'subscribe') && a.allow,
    );
    if (open.length) {
      this.#o.logger.error(
        { open: open.map((a) => a.acltype) },
        "the broker allows publish/subscribe where no ACL matches: accounts can reach other devices' topics (set defaultACLAccess to deny, docs/scale-out.md)",
      );
    }
  }

  #shareOpt() {
    return this.#o.shareGroup === undefined ? {} : { shareGroup: this.#o.shareGroup };
  }

  async #ensureRole(rolename: string, acls: Acl[]): Promise<void> {
    const found = await this.#o.dynsec.expect({ command: 'getRole', rolename }, ['Role not found']);
    if (found.error !== undefined) {
      await this.#o.dynsec.expect({ command: 'createRole', rolename, acls }, ['Role already exists']);
      return;
    }
    const current = ((found.data?.role as { acls?: Acl[] } | undefined)?.acls ?? []).map((a) => ({
      acltype: a.acltype,
      topic: a.topic,
      priority: a.priority ?? 0,
      allow: a.allow,
    }));
    // Only on a change: modifying a role disconnects every client holding it.
    if (!sameAcls(current, acls)) await this.#o.dynsec.expect({ command: 'modifyRole', rolename, acls });
  }

  /** Creates the client, or fixes an existing one without disconnecting it when nothing changed. */
  async #ensureAccount(username: string, password: string, role: string, clientid?: string): Promise<void> {
    const created = await this.#o.dynsec.expect(
      {
        command: 'createClient',
        username,
        password,
        roles: [{ rolename: role }],
        ...(clientid === undefined ? {} : { clientid }),
      },
      ['Client already exists'],
    );
    if (created.error === undefined) {
      this.#o.logger.info({ username }, 'account created on the broker');
      return;
    }
    await this.#ensureClientRole(username, role, clientid);
    // A probe cannot log in as an account bound to a device's client id without taking over that
    // device's session: a device of central.json gets its password set (one reconnect, session kept).
    if (clientid !== undefined || !(await this.#passwordWorks(username, password))) {
      // Kicks the account's connections (another worker reconnects with the same, now valid, password).
      await this.#o.dynsec.expect({ command: 'setClientPassword', username, password });
      this.#o.logger.info({ username }, 'account password set on the broker');
    }
  }

  async #ensureClientRole(username: string, rolename: string, clientid?: string): Promise<void> {
    const found = await this.#o.dynsec.expect({ command: 'getClient', username });
    const bound = (found.data?.client as { clientid?: string } | undefined)?.clientid;
    if (clientid !== undefined && bound !== clientid) {
      await this.#o.dynsec.expect({ command: 'setClientId', username, clientid });
    }
    const roles = (
      (found.data?.client as { roles?: Array<{ rolename: string }> } | undefined)?.roles ?? []
    ).map((r) => r.rolename);
    if (!roles.includes(rolename))
      await this.#o.dynsec.expect({ command: 'addClientRole', username, rolename });
  }

  /** A throwaway connection with the configured credentials: does the broker take them? */
  async #passwordWorks(username: string, password: string): Promise<boolean> {
    const probe = mqtt.connect(this.#o.url, {
      protocolVersion: 4,
      clientId: `${username}-probe-${process.pid}`,
      username,
      password,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(this.#o.ca ? { ca: this.#o.ca, rejectUnauthorized: true } : {}),
    });
    try {
      return await new Promise<boolean>((resolve, reject) => {
        probe.once('connect', () => resolve(true));
        probe.once('error', (err: Error & { code?: number }) =>
          err.code === 4 || err.code === 5
            ? resolve(false)
            : reject(
                new BrokerAccessError('BROKER_UNAVAILABLE', `checking central's account: ${err.message}`),
              ),
        );
        probe.once('close', () => resolve(false));
      });
    } finally {
      probe.end(true);
    }
  }
}
