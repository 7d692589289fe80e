// FIAS adapter config (one branch of pms-config.ts). Defaults follow the spec where it has one:
// 30 s answers / 60 s PR postings (p.24), 3 s startup listen (p.36), alive check every 5 min (p.99),
// 3 s ACK on serial links (p.22); the rest are ours.
import { z } from 'zod';

const tcp = z
  .object({
    type: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    /** LRC after ETX; off by default on TCP, where TCP itself checks the bytes. */
    lrc: z.boolean().default(false),
  })
  .strict();

const serial = z
  .object({
    type: z.literal('serial'),
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  })
  .strict();

const ms = (fallback: number) => z.number().int().positive().default(fallback);

const timeouts = z
  .object({
    answerMs: ms(30_000),
    postingMs: ms(60_000),
    /** A request made while the link is down waits this long for it, then fails CONNECTION_FAILED. */
    linkWaitMs: ms(10_000),
    connectMs: ms(5_000),
    startupListenMs: ms(3_000),
    linkStartMs: ms(30_000),
    aliveIntervalMs: ms(300_000),
    aliveTimeoutMs: ms(30_000),
    reconnectInitialMs: ms(1_000),
    reconnectMaxMs: ms(60_000),
    serialAckMs: ms(3_000),
  })
  .strict();

export const fiasPmsConfig = z
  .object({
    kind: z.literal('fias'),
    transport: z.discriminatedUnion('type', [tcp, serial]),
    /** FIAS carries no currency: the property's, whose minor units TA is sent in (p.21). */
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** The hotel's zone, for DA/TI. */
    timeZone: z.string().min(1).default('UTC'),
    encoding: z.enum(['latin1', 'utf8']).default('latin1'),
    /** WS, mandatory in a PR posting (p.81). */
    workstation: z.string().min(1).max(16).default('ROOMPOST'),
    /** PM of a room charge (LC's RP lists what the PMS accepts, e.g. ROOM). */
    paymentMethod: z.string().min(1).max(5).default('ROOM'),
    vendorVersion: z.string().min(1).max(10).default('1.0'),
    /** T1 carries tax only in add-on tax countries; elsewhere subtotals are tax-inclusive (p.82). */
    taxMode: z.enum(['add-on', 'inclusive']).default('add-on'),
    /** Our outlet code → FIAS SO (numeric, max 5 digits). */
    salesOutlets: z.record(z.string(), z.string().regex(/^\d{1,5}$/)).default({}),
    /** MX for a name search (1 digit). */
    nameSearchMax: z.number().int().min(1).max(9).default(4),
    timeouts: timeouts.prefault({}),
  })
  .strict();

export type FiasPmsConfig = z.infer<typeof fiasPmsConfig>;
