import { createHash } from 'node:crypto'
import { expect, test } from 'vitest'
import { evidenceKey, isEvidenceKey, isIntact, sha256Hex } from './key.js'
import { createMemoryStore } from './memoryStore.js'

test('sha256Hex matches the known vector for "abc"', () => {
  expect(sha256Hex('abc')).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  )
})

test.each([
  [{ method: 'GET', url: 'https://a.test/x' }, 'GET https://a.test/x\n'],
  [
    { method: 'POST', url: 'https://a.test/', body: '{}' },
    'POST https://a.test/\n{}',
  ],
] as const)('evidenceKey(%j) hashes %j', (request, preimage) => {
  const expected = createHash('sha256').update(preimage).digest('hex')
  expect(evidenceKey(request)).toBe(expected)
  expect(isEvidenceKey(expected)).toBe(true)
})

test.each(['', 'abc', 'G'.repeat(64), 'A'.repeat(64)])(
  'isEvidenceKey(%j) is false',
  (key) => {
    expect(isEvidenceKey(key)).toBe(false)
  },
)

const url = 'https://a.test/x'
const good = {
  key: evidenceKey({ method: 'GET', url }),
  method: 'GET' as const,
  url,
  status: 200,
  contentType: null,
  retrievedAt: '2024-05-01T12:00:00.000Z',
  sha256: sha256Hex('1'),
  body: '1',
}

test.each([
  ['intact', good, true],
  ['body changed', { ...good, body: '2' }, false],
  ['url changed', { ...good, url: 'https://b.test/' }, false],
  ['key changed', { ...good, key: sha256Hex('x') }, false],
])('isIntact: %s', (_, record, expected) => {
  expect(isIntact(record, good.key)).toBe(expected)
})

test('memory store copies records and drops corrupt ones on read', async () => {
  const store = createMemoryStore()
  await store.put(good)
  const read = await store.get(good.key)
  expect(read).toEqual(good)
  expect(read).not.toBe(store.records.get(good.key))
  store.records.set(good.key, { ...good, body: 'tampered' })
  expect(await store.get(good.key)).toBeUndefined()
  expect(await store.get(sha256Hex('missing'))).toBeUndefined()
})
