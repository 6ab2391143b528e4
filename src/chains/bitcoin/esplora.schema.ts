/**
 * Zod shapes of the Esplora REST API (Blockstream/electrs, mempool/electrs).
 * Only the fields the tracer reads are declared; unknown fields (sigops,
 * *_asm, inner_*script_asm, ...) pass through and are ignored.
 */
import { z } from 'zod'

const hex = z.string().regex(/^(?:[0-9a-f]{2})*$/, 'expected lowercase hex')
const txid = z.string().regex(/^[0-9a-f]{64}$/, 'expected a 64-hex txid')
/** Esplora amounts are always integer satoshis. */
const sats = z.number().int().nonnegative()

const esploraOutputSchema = z.object({
  scriptpubkey: hex,
  scriptpubkey_type: z.string(),
  /** Omitted for outputs with no address (P2PK, OP_RETURN, bare multisig). */
  scriptpubkey_address: z.string().optional(),
  value: sats,
})

const esploraInputSchema = z.object({
  txid,
  vout: z.number().int().nonnegative(),
  /** null (or absent in some derived data) for coinbase inputs. */
  prevout: esploraOutputSchema.nullish(),
  is_coinbase: z.boolean(),
  sequence: z.number().int().nonnegative().optional(),
  /** With witness and sequence, what rebuilds the raw tx from the JSON (rebuild.ts). */
  scriptsig: hex.optional(),
  witness: z.array(hex).optional(),
})

/**
 * Unconfirmed: Blockstream sends block_* as null, mempool/electrs omits them.
 * Both are accepted.
 */
const esploraStatusSchema = z.object({
  confirmed: z.boolean(),
  block_height: z.number().int().nonnegative().nullish(),
  block_hash: z.string().nullish(),
  block_time: z.number().int().nonnegative().nullish(),
})

export const esploraTxSchema = z.object({
  txid,
  version: z.number().int(),
  locktime: z.number().int().nonnegative(),
  vin: z.array(esploraInputSchema).min(1),
  vout: z.array(esploraOutputSchema),
  fee: sats,
  status: esploraStatusSchema,
})

const esploraOutspendSchema = z.union([
  z.object({
    spent: z.literal(true),
    txid,
    vin: z.number().int().nonnegative(),
    status: esploraStatusSchema,
  }),
  z.object({ spent: z.literal(false) }),
])

export const esploraOutspendsSchema = z.array(esploraOutspendSchema)
export const esploraOutspendsBatchSchema = z.array(esploraOutspendsSchema)
export const esploraAddressTxsSchema = z.array(esploraTxSchema)
export const esploraTxHexSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(hex.min(2))
export const esploraBlockHashSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(txid)
export const esploraTipHeightSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, 'expected a block height')
  .transform(Number)

export type EsploraOutput = z.infer<typeof esploraOutputSchema>
export type EsploraInput = z.infer<typeof esploraInputSchema>
export type EsploraStatus = z.infer<typeof esploraStatusSchema>
export type EsploraTx = z.infer<typeof esploraTxSchema>
export type EsploraOutspend = z.infer<typeof esploraOutspendSchema>
