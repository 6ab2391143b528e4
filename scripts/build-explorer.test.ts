import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import {
  ASSET,
  buildExplorer,
  recordedHash,
  sourcesHash,
} from './explorer-build.js'

describe('assets/explorer.js', () => {
  const committed = readFileSync(ASSET, 'utf8')

  test('is built from the current sources (else: npm run build:explorer)', async () => {
    const { inputs } = await buildExplorer()
    expect(
      inputs.some((p) => p.endsWith('src/report/explore/app/main.ts')),
    ).toBe(true)
    expect(recordedHash(committed)).toBe(sourcesHash(inputs))
  })

  test('can be inlined in a <script> element', () => {
    expect(committed).not.toMatch(/<\/script|<!--/i)
  })

  test('makes no network call of its own', () => {
    expect(committed).not.toMatch(
      /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/,
    )
  })
})

test('recordedHash reads only a well-formed header', () => {
  const hex = 'a'.repeat(64)
  expect(
    recordedHash(`/*! fundtrace explorer: sources sha256 ${hex}; x */`),
  ).toBe(hex)
  expect(recordedHash('var a=1')).toBeNull()
})
