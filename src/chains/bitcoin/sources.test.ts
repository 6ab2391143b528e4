import { describe, expect, test } from 'vitest'
import { isPrivateHost } from '../../sources/hosts.js'
import { esploraHostLimit } from './sources.js'

describe('isPrivateHost', () => {
  test.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['10.1.2.3', true],
    ['172.16.0.9', true],
    ['172.32.0.9', false],
    ['192.168.1.20', true],
    ['electrs.local', true],
    ['fd12:3456::1', true],
    ['mempool.space', false],
    ['8.8.8.8', false],
    ['10.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isPrivateHost(host)).toBe(expected)
  })
})

describe('esploraHostLimit', () => {
  const margin = 1.05
  test.each([
    {
      name: 'own electrs: unpaced, adaptive, no ceiling',
      url: 'http://127.0.0.1:3000',
      want: { rps: 0, ceiling: undefined },
    },
    {
      name: 'public host: polite 4 req/s, never above',
      url: 'https://mempool.space/api',
      want: { rps: 4 / margin, ceiling: 4 / margin },
    },
    {
      name: 'other host: starts at 10 and climbs',
      url: 'https://esplora.example.org/api',
      want: { rps: 10 / margin, ceiling: undefined },
    },
    {
      name: '--rps is where it starts and a hard ceiling',
      url: 'http://127.0.0.1:3000',
      rps: 200,
      want: { rps: 200 / margin, ceiling: 200 / margin },
    },
    {
      name: '--rps on a public host too',
      url: 'https://blockstream.info/api',
      rps: 1,
      want: { rps: 1 / margin, ceiling: 1 / margin },
    },
  ])('$name', ({ url, rps, want }) => {
    expect(esploraHostLimit(url, { rps })).toEqual({
      ...want,
      adaptive: true,
      concurrency: 4,
    })
  })
})
