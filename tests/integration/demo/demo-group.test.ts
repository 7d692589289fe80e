// `ROOMPOST_DEMO=group npm start`: Harbour View and Amber Haveli in one process with the group view;
// the group's owner sees both hotels' outlets, Amber's general manager only Amber's.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_GROUP_USERS, startDemoGroup } from '../../../scripts/demo-group.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('the group demo runs both demo hotels and scopes the group view by user', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'roompost-demo-group-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const demo = await startDemoGroup({ dataDir, groupPort: 0, harbourPorts: 0 });
  t.after(() => demo.stop());
  const signIn = async (username: string) => {
    const password = DEMO_GROUP_USERS.find((u) => u.username === username)!.password;
    const res = await fetch(`${demo.group.url}/api/group/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return ((await res.json()) as Json).token as string;
  };
  const fleet = async (token: string) =>
    (await (
      await fetch(`${demo.group.url}/api/group/fleet`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Json;

  const all = await fleet(await signIn('owner'));
  assert.deepEqual(
    all.properties.map((p: Json) => [p.code, p.name]),
    [
      ['HARBOUR', 'Harbour View Hotel'],
      ['AMBER', 'Amber Haveli Jaipur'],
    ],
  );
  assert.ok(
    all.properties.every((p: Json) => p.devices.length >= 2),
    'each hotel has its kiosk and its restaurant terminal',
  );
  const amber = await fleet(await signIn('amber.gm'));
  assert.deepEqual(
    amber.properties.map((p: Json) => p.code),
    ['AMBER'],
  );
});
