// Seed 000 "Permissions", as one table. Every staff route asks `can()`; the kiosk only hides what
// the session's `permissions` list leaves out.
import type { StaffAction, StaffRole } from '@roompost/sync';
import { STAFF_ACTIONS } from '@roompost/sync';

export const PERMISSIONS: Readonly<Record<StaffAction, readonly StaffRole[]>> = {
  chargeToRoom: ['server', 'front_desk', 'manager', 'admin'],
  overrideCreditLimit: ['front_desk', 'manager', 'admin'],
  retryFailedPostings: ['manager', 'admin'],
  voidRoomCharges: ['manager', 'admin'],
  viewReconciliation: ['manager', 'admin'],
  configurePms: ['admin'],
  nightAuditSignOff: ['front_desk', 'manager', 'admin'],
  // Not in seed 000, which has no device row: the kiosk's service screen (test page, relay pulse),
  // given to the roles that may retry postings, i.e. the ones trusted with the outlet's equipment.
  deviceService: ['manager', 'admin'],
};

export function can(role: StaffRole, action: StaffAction): boolean {
  return PERMISSIONS[action].includes(role);
}

export function permissionsOf(role: StaffRole): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => can(role, action));
}
