import { UnknownRpcError } from 'viem'
import { describe, expect, test } from 'vitest'
import { HttpServerError } from '../../sources/errors.js'
import { EvmSourceError, scrubbed } from './run.js'

const RPC = 'https://node.example/v3/0123456789abcdef0123'

describe('scrubbed', () => {
  test('an outage under viem\'s "unknown RPC error" keeps its words and exit code 3', () => {
    const outage = new HttpServerError({
      url: RPC,
      method: 'POST',
      status: 503,
      details: 'Service Unavailable',
    })
    const err = scrubbed(new UnknownRpcError(outage), [RPC])
    expect(err).toBeInstanceOf(EvmSourceError)
    expect((err as EvmSourceError).exitCode).toBe(3)
    expect((err as Error).message).toBe(
      'EVM source failed: HTTP 503: POST https://node.example/…',
    )
  })

  test('a failure with none of our errors under it stays exit 1, URL cut down', () => {
    const err = scrubbed(new Error(`boom at ${RPC}\nmore`), [RPC])
    expect((err as EvmSourceError).exitCode).toBe(1)
    expect((err as Error).message).toBe(
      'EVM source failed: boom at https://node.example/…',
    )
  })

  test('our own errors pass through unchanged', () => {
    const ours = new HttpServerError({ url: 'x', status: 502 })
    expect(scrubbed(ours, [RPC])).toBe(ours)
  })
})
