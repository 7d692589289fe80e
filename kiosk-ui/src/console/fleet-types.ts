// What GET /api/fleet answers (central/src/fleet/fleet-monitor.ts).
export type FleetState = 'green' | 'amber' | 'red' | 'revoked';

export interface FleetDevice {
  device: string;
  outletCode: string | null;
  state: FleetState;
  reasons: string[];
  online: boolean | null;
  lastSeenAt: string | null;
  status: {
    version: string;
    uptimeSeconds: number;
    queueDepth: number;
    oldestUnsentSeconds: number | null;
    lastAckAt: string | null;
    devices: { reader: string; printer: string; gpio: string };
    diskFreeBytes: number | null;
  } | null;
}

export interface FleetHistoryEntry {
  receivedAt: string;
  online: boolean;
  status: FleetDevice['status'];
}
