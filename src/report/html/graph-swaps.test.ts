import { describe, expect, test } from 'vitest'
import { NASTY, sampleReport, TX } from '../../../test/support/sample-report.js'
import type { Report, SwapRow } from '../types.js'
import { viewGraph } from './graph.js'
import { toDot } from './graph-dot.js'
import { renderHtml } from './html.js'

const MIXER = 'bc1qmixer000000000000000000000000000000000'
const HOP4 = 'bc1qhop4cccccccccccccccccccccccccccccccccc'
const FAILED = 'bc1qfailed00000000000000000000000000000000'

/** The sample trace with its last two nodes on a second chain, tied to the first by a swap out of the mixer's node. */
function crossReport(outAsset: string): Report {
  const report = sampleReport()
  const onEth = new Set([HOP4, FAILED])
  report.graph.nodes = report.graph.nodes.map((n) => ({
    ...n,
    chain: n.address && onEth.has(n.address) ? 'ethereum' : 'bitcoin',
  }))
  const side = (chain: string, address: string, asset: string) => ({
    chain,
    txHash: 'ab'.repeat(32),
    index: 0,
    address,
    asset,
    decimals: 8,
    amount: '1',
    amountBase: '100000000',
    time: null,
  })
  const swap: SwapRow = {
    protocol: 'dex',
    match: 'same-tx',
    rule: 'uniswap-v2-swap-to',
    memo: '',
    outMemo: '',
    inbound: side('bitcoin', MIXER, 'BTC'),
    outbound: side('ethereum', HOP4, outAsset),
    taintIn: { amount: '1', amountBase: '100000000' },
    taintOut: { amount: '1', amountBase: '100000000' },
  }
  report.swaps = [swap]
  report.chains = ['bitcoin', 'ethereum']
  return report
}

describe('flow graph across chains and swaps', () => {
  test('each chain is a band and the swap is a dashed edge of its own colour', () => {
    const dot = toDot(viewGraph(crossReport('ETH')))
    expect(dot).toMatch(/subgraph cluster_chain0 \{ label="bitcoin";.* n0;/)
    expect(dot).toMatch(
      /subgraph cluster_chain1 \{ label="ethereum";.* n10; n11 \}/,
    )
    expect(dot).toContain(
      'n9 -> n10 [label="swap BTC → ETH", style=dashed, penwidth=2.5, color="#7b3fb0"',
    )
    // Transfers keep the plain style.
    expect(dot).toMatch(/n0 -> n1 \[label="#1"\]/)
  })

  test('a swap thornode disputed or confirmed says so on its edge', () => {
    for (const verdict of ['disputed', 'confirmed'] as const) {
      const report = crossReport('ETH')
      const [swap] = report.swaps ?? []
      if (swap) swap.crossCheck = { source: 'thornode', verdict, detail: 'x' }
      expect(toDot(viewGraph(report))).toContain(
        `label="swap BTC → ETH (${verdict} by thornode)"`,
      )
    }
  })

  test('an inbound naming a vault beyond the stop (an EVM router Deposit) is drawn from the service the tx paid', () => {
    const report = crossReport('ETH')
    const [swap] = report.swaps ?? []
    if (!swap) throw new Error('no swap')
    // The tx paid the mixer (a service) and an address at rest; the event named a vault the trace never reached.
    swap.inbound = {
      ...swap.inbound,
      address: 'bc1qvaultbeyondtherouter00000000000000000',
      txHash: TX.t5,
    }
    expect(toDot(viewGraph(report))).toContain(
      'n9 -> n10 [label="swap BTC → ETH", style=dashed',
    )
  })

  test('collapsed, groups stay within their chain and the swap joins the two groups', () => {
    const view = viewGraph(crossReport('ETH'), 0)
    expect(view.collapsed).toBe(true)
    const dot = toDot(view)
    expect(dot).toContain('subgraph cluster_chain1 { label="ethereum"')
    expect(dot).toMatch(/n\d+ -> n\d+ \[label="swap BTC → ETH", style=dashed/)
    expect(
      view.nodes.every((n) => n.chain === 'bitcoin' || n.chain === 'ethereum'),
    ).toBe(true)
  })

  test('a single-chain trace draws no bands', () => {
    const report = crossReport('ETH')
    report.graph.nodes = report.graph.nodes.map(({ chain: _c, ...n }) => n)
    expect(toDot(viewGraph(report))).not.toContain('subgraph')
  })

  test('the legend names swap edges and bands; a hostile token symbol stays text; no script', async () => {
    const html = await renderHtml(crossReport(NASTY.img), {
      audience: 'police',
      bundleSha256: 'f'.repeat(64),
    })
    expect(html).toContain('Swap: one asset in, another out')
    expect(html).toContain('Shaded bands: one per chain')
    expect(html).not.toContain(NASTY.img)
    const tags = html.match(/<[^>]*>/g) ?? []
    expect(tags.filter((t) => /<script|<img|\son[a-z]+=/i.test(t))).toEqual([])
    // The swap edge's label in the figure carries the symbol escaped.
    expect(html).toContain('swap BTC → &quot;&gt;&lt;img')
  })
})
