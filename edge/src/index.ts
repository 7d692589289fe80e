export * from './config/edge-config.js';
export * from './edge-app.js';
