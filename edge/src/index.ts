export * from './config/edge-config.js';
export * from './edge-app.js';
export { can, PERMISSIONS, permissionsOf } from './staff/permissions.js';
export { hashPin, verifyPin } from './staff/pin-hash.js';
export { StaffAuth, type StaffMember } from './staff/staff-auth.js';
