// The MQTT contract, shared by edge, central and (types and pure helpers only) the kiosk UI.

export * from './access.js';
export * from './catalog.js';
export * from './charge-columns.js';
export * from './coded-error.js';
export * from './decode.js';
export * from './errors.js';
export * from './guest-name.js';
export * from './kiosk-api.js';
export * from './plain-text.js';
export * from './roster.js';
export * from './schemas.js';
export * from './staff.js';
export * from './topics.js';
