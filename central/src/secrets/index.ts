export { isSealed, loadSecretKey, type SecretBox, SecretKeyError, secretBox } from './secret-box.js';
