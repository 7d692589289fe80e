export { main as provisionMain } from './cli.js';
