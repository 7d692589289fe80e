export * from './central-app.js';
export * from './clock.js';
export * from './config/central-config.js';
export * from './demo/demo-hotel.js';
export * from './demo/demo-hotel-in.js';
export * from './pms/adapter.js';
export * from './pms/builtin/builtin-adapter.js';
