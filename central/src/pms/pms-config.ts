import { z } from 'zod';
import { apaleoPmsConfig } from './apaleo/apaleo-config.js';
import { cloudbedsPmsConfig } from './cloudbeds/cloudbeds-config.js';
import { fiasPmsConfig } from './fias/fias-config.js';
import { htngPmsConfig } from './htng/htng-config.js';
import { mewsPmsConfig } from './mews/mews-config.js';
import { ohipPmsConfig } from './ohip/ohip-config.js';
import { restPmsConfig } from './rest/rest-config.js';

// Which PMS central posts to, and how to reach it. Each adapter adds its own branch (its schema
// lives beside its code in central/src/pms/<kind>/) to this one discriminated union.
export const builtinPmsConfig = z.object({ kind: z.literal('builtin') }).strict();

export const pmsConfigSchema = z.discriminatedUnion('kind', [
  builtinPmsConfig,
  cloudbedsPmsConfig,
  apaleoPmsConfig,
  fiasPmsConfig,
  mewsPmsConfig,
  restPmsConfig,
  ohipPmsConfig,
  htngPmsConfig,
]);

export type PmsConfig = z.infer<typeof pmsConfigSchema>;
