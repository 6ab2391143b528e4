import { UnknownRpcError } from 'viem'
import { describe, expect, test } from 'vitest'
import { HttpServerError } from '../../sources/errors.js'
import { redactUrl } from '../../sources/redact.js'
import { EvmSourceError, scrubbed } from './run.js'
import { shownUrl, urlSecrets } from './secrets.js'

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

describe('urlSecrets: what an RPC URL must never leave behind', () => {
  test.each([
    [
      'https://node.example/v2/SECRET123TEST',
      ['v2/SECRET123TEST', 'SECRET123TEST'],
    ],
    [
      'https://node.example/rpc?key=ab.cd=ef12345',
      ['rpc?key=ab.cd=ef12345', 'ab.cd=ef12345'],
    ],
    [
      'https://node.example/v3/0123456789abcdef0123',
      ['v3/0123456789abcdef0123', '0123456789abcdef0123'],
    ],
    ['https://user:pa55word@node.example/', ['pa55word']],
    ['https://node.example/rpc', []],
    ['https://node.example/ethereum', []],
    ['http://127.0.0.1:8545', []],
  ])('%s', (url, secrets) => {
    expect(urlSecrets(url)).toEqual(secrets)
  })

  test('the evidence URL keeps only the host', () => {
    const url = 'https://node.example/v2/SECRET123TEST'
    expect(redactUrl(url, urlSecrets(url))).toBe('https://node.example/***')
    expect(shownUrl(url)).toBe('https://node.example/…')
  })
})
