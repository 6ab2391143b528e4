/**
 * Answers of a TronGrid-compatible host: the v1 REST lists (base58 or
 * 41-hex addresses, amounts as numbers or strings) and the FullNode HTTP
 * API under /wallet (41-hex addresses, logs in bare hex). Shapes from
 * developers.tron.network and TronGrid's own README.
 */
import { z } from 'zod'

const amount = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/),
])
const meta = z
  .object({
    fingerprint: z.string().optional(),
    page_size: z.number().optional(),
  })
  .passthrough()

export const trc20PageSchema = z.object({
  success: z.literal(true),
  data: z.array(
    z.object({
      transaction_id: z.string(),
      token_info: z.object({
        symbol: z.string(),
        address: z.string(),
        decimals: z.number().int(),
        name: z.string().optional(),
      }),
      block_timestamp: z.number(),
      from: z.string(),
      to: z.string(),
      type: z.string(),
      value: amount,
    }),
  ),
  meta,
})

export const txPageSchema = z.object({
  success: z.literal(true),
  data: z.array(
    z
      .object({
        txID: z.string().optional(),
        tx_id: z.string().optional(),
        ret: z
          .array(
            z
              .object({
                contractRet: z.string().optional(),
                fee: amount.optional(),
              })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough(),
  ),
  meta,
})

const contractSchema = z.object({
  type: z.string(),
  parameter: z.object({
    value: z
      .object({
        owner_address: z.string(),
        to_address: z.string().optional(),
        contract_address: z.string().optional(),
        amount: amount.optional(),
        call_value: amount.optional(),
      })
      .passthrough(),
  }),
})

export const txByIdSchema = z.object({
  txID: z.string(),
  ret: z.array(z.object({ contractRet: z.string().optional() })).optional(),
  raw_data: z
    .object({ contract: z.array(contractSchema).min(1) })
    .passthrough(),
  raw_data_hex: z.string().optional(),
})

export const txInfoSchema = z.object({
  id: z.string(),
  fee: amount.optional(),
  blockNumber: z.number().int().nonnegative(),
  blockTimeStamp: z.number().int().nonnegative(),
  result: z.string().optional(),
  receipt: z.object({ result: z.string().optional() }).passthrough().optional(),
  log: z
    .array(
      z.object({
        address: z.string(),
        topics: z.array(z.string()),
        data: z.string().optional(),
      }),
    )
    .optional(),
  internal_transactions: z
    .array(
      z.object({
        caller_address: z.string(),
        transferTo_address: z.string(),
        callValueInfo: z.array(z.object({ callValue: amount.optional() })),
        rejected: z.boolean().optional(),
      }),
    )
    .optional(),
})

export const nowBlockSchema = z.object({
  block_header: z.object({
    raw_data: z.object({ number: z.number().int(), timestamp: z.number() }),
  }),
})

export type Trc20Row = z.infer<typeof trc20PageSchema>['data'][number]
export type TronTx = z.infer<typeof txByIdSchema>
export type TronTxInfo = z.infer<typeof txInfoSchema>
