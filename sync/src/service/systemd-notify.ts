import { spawn } from 'node:child_process';

export type Spawn = (
  command: string,
  args: string[],
) => { on(event: 'error', cb: (err: Error) => void): unknown };

export interface SystemdNotifier {
  /** READY=1: start-up is complete (Type=notify units wait for it). */
  ready(): void;
  /** STOPPING=1: an orderly shutdown has begun. */
  stopping(): void;
  /** Sends WATCHDOG=1 at half the unit's WatchdogSec while `alive()` says the service is healthy. */
  startWatchdog(alive: () => boolean | Promise<boolean>): () => void;
}

/**
 * Talks to systemd through `systemd-notify` (Node has no unix datagram sockets, and a native
 * module is one more thing to build on a Pi). The unit must say `NotifyAccess=all`, since the
 * message comes from the helper's PID; `--pid` names our main PID. Without NOTIFY_SOCKET (not
 * under systemd, or in tests) every call does nothing.
 */
export function systemdNotifier(
  env: NodeJS.ProcessEnv = process.env,
  run: Spawn = defaultSpawn,
): SystemdNotifier {
  const socket = env.NOTIFY_SOCKET;
  const send = (...assignments: string[]) => {
    if (!socket) return;
    run('systemd-notify', [`--pid=${process.pid}`, ...assignments]).on('error', () => {
      // systemd-notify missing: nothing to tell, nobody listening.
    });
  };
  return {
    ready: () => send('--ready'),
    stopping: () => send('STOPPING=1'),
    startWatchdog(alive) {
      const usec = Number(env.WATCHDOG_USEC);
      if (!socket || !Number.isFinite(usec) || usec <= 0) return () => {};
      let asking = false;
      const timer = setInterval(
        () => {
          if (asking) return; // the last question has not been answered: that is the answer
          asking = true;
          Promise.resolve()
            .then(alive)
            .then(
              (ok) => {
                if (ok) send('WATCHDOG=1');
              },
              () => {},
            )
            .finally(() => {
              asking = false;
            });
        },
        Math.max(1000, usec / 2000),
      );
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

const defaultSpawn: Spawn = (command, args) => spawn(command, args, { stdio: 'ignore' });
