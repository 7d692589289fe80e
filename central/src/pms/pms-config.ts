import { z } from 'zod';

// Which PMS central posts to, and how to reach it. Each adapter adds its own branch (its schema
// lives beside its code in central/src/pms/<kind>/) to this one discriminated union.
export const builtinPmsConfig = z.object({ kind: z.literal('builtin') }).strict();

export const pmsConfigSchema = z.discriminatedUnion('kind', [builtinPmsConfig]);

export type PmsConfig = z.infer<typeof pmsConfigSchema>;
