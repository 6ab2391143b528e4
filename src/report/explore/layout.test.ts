import { describe, expect, test } from 'vitest'
import {
  bandSpans,
  crossings,
  groupLayers,
  type LayoutEdge,
  type LayoutNode,
  layeredLayout,
} from './layout.js'

const n = (id: string, layer: number): LayoutNode => ({ id, layer })
const e = (source: string, target: string): LayoutEdge => ({ source, target })

// Input orders chosen so that keeping them draws crossings.
const CASES: {
  name: string
  nodes: LayoutNode[]
  edges: LayoutEdge[]
  before: number
}[] = [
  {
    name: 'two fans drawn crossed',
    nodes: [n('a', 0), n('b', 0), n('x', 1), n('y', 1)],
    edges: [e('a', 'y'), e('b', 'x')],
    before: 1,
  },
  {
    name: 'peel chain whose deposit sweep is drawn across the chain',
    nodes: [
      n('v', 0),
      n('p1', 1),
      n('p2', 2),
      n('d2', 2),
      n('s2', 3),
      n('p3', 3),
      n('z', 4),
    ],
    edges: [
      e('v', 'p1'),
      e('p1', 'p2'),
      e('p1', 'd2'),
      e('d2', 's2'),
      e('p2', 'p3'),
      e('p3', 'z'),
    ],
    before: 1,
  },
  {
    name: 'three sources, three sinks, reversed',
    nodes: [n('a', 0), n('b', 0), n('c', 0), n('x', 1), n('y', 1), n('z', 1)],
    edges: [e('a', 'z'), e('b', 'y'), e('c', 'x')],
    before: 3,
  },
]

/** The input order as a layout, to count its crossings. */
function asGiven(nodes: LayoutNode[]) {
  return layeredLayout(nodes, [], { sweeps: 0 })
}

describe('layeredLayout', () => {
  test.each(CASES)('$name: fewer crossings than the input order', (c) => {
    expect(crossings(asGiven(c.nodes), c.edges)).toBe(c.before)
    expect(crossings(layeredLayout(c.nodes, c.edges), c.edges)).toBe(0)
  })

  test('x is the layer rank, left to right; gaps in hops are closed', () => {
    const pos = layeredLayout(
      [n('a', 0), n('b', 2), n('c', 7)],
      [e('a', 'b'), e('b', 'c')],
    )
    expect([...pos.values()].map((p) => p.x)).toEqual([0, 1, 2])
  })

  test('each layer is centred and spaced one unit apart', () => {
    const pos = layeredLayout([n('a', 0), n('b', 1), n('c', 1), n('d', 1)], [])
    expect(pos.get('a')).toEqual({ x: 0, y: 0 })
    expect(['b', 'c', 'd'].map((id) => pos.get(id)?.y)).toEqual([-1, 0, 1])
  })

  test('deterministic: the same graph gives the same positions', () => {
    const c = CASES[1]!
    expect([...layeredLayout(c.nodes, c.edges)]).toEqual([
      ...layeredLayout([...c.nodes], [...c.edges]),
    ])
  })

  test('edges to unknown nodes and cycles are tolerated', () => {
    const pos = layeredLayout(
      [n('a', 0), n('b', 1)],
      [e('a', 'b'), e('b', 'a'), e('a', 'ghost')],
    )
    expect(pos.size).toBe(2)
  })

  test('5,000 nodes lay out quickly enough for the browser', () => {
    const nodes: LayoutNode[] = []
    const edges: LayoutEdge[] = []
    for (let i = 0; i < 5000; i++) {
      nodes.push(n(`n${i}`, Math.floor(i / 250)))
      if (i >= 250) edges.push(e(`n${(i * 7919) % (i - (i % 250))}`, `n${i}`))
    }
    const start = performance.now()
    const pos = layeredLayout(nodes, edges)
    expect(pos.size).toBe(5000)
    expect(performance.now() - start).toBeLessThan(5000)
  })
})

test('groupLayers keeps input order inside a layer', () => {
  expect(
    groupLayers([n('b', 1), n('a', 0), n('c', 1)]).map((l) =>
      l.map((x) => x.id),
    ),
  ).toEqual([['a'], ['b', 'c']])
})

const b = (id: string, layer: number, band: number): LayoutNode => ({
  id,
  layer,
  band,
})

describe('bands (a trace across chains)', () => {
  // Bitcoin (band 0): victim → thief → vault; Ethereum (band 1): router →
  // thief → deposit, with the swap edge vault → eth thief across the bands.
  const nodes = [
    b('eth-deposit', 3, 1),
    b('victim', 0, 0),
    b('eth-thief', 2, 1),
    b('thief', 1, 0),
    b('binance', 2, 0),
    b('vault', 2, 0),
    b('router', 1, 1),
  ]
  const edges = [
    e('victim', 'thief'),
    e('thief', 'vault'),
    e('thief', 'binance'),
    e('vault', 'eth-thief'),
    e('router', 'eth-thief'),
    e('eth-thief', 'eth-deposit'),
  ]

  test('each band is its own strip: every node of band 0 is above every node of band 1', () => {
    const pos = layeredLayout(nodes, edges)
    const ys = (band: number) =>
      nodes.filter((x) => x.band === band).map((x) => pos.get(x.id)?.y ?? NaN)
    expect(Math.max(...ys(0))).toBeLessThan(Math.min(...ys(1)))
    // x stays the layer rank, whatever the band.
    expect(pos.get('router')?.x).toBe(pos.get('thief')?.x)
  })

  test('strips are as tall as their fullest layer, one empty row apart, centred as a whole', () => {
    expect(bandSpans(nodes)).toEqual([
      { band: 0, top: -1.5, size: 2 },
      { band: 1, top: 1.5, size: 1 },
    ])
    const pos = layeredLayout(nodes, edges)
    // Layer 2 holds two Bitcoin nodes (rows -1.5, -0.5) and one Ethereum node (row 1.5).
    expect(
      ['binance', 'vault', 'eth-thief'].map((id) => pos.get(id)?.y).sort(),
    ).toEqual([-0.5, -1.5, 1.5].sort())
    // A band's lone node in a layer sits in the middle of its strip.
    expect(pos.get('victim')?.y).toBe(-1)
  })

  test('without bands, or with one, the layout is the unbanded one', () => {
    const plain = nodes.map(({ id, layer }) => ({ id, layer }))
    const one = nodes.map(({ id, layer }) => ({ id, layer, band: 0 }))
    expect([...layeredLayout(one, edges)]).toEqual([
      ...layeredLayout(plain, edges),
    ])
    expect(bandSpans(plain)).toEqual([{ band: 0, top: -1, size: 3 }])
  })

  test('the sweeps still remove crossings inside a band', () => {
    const crossed = [
      b('a', 0, 0),
      b('b', 0, 0),
      b('x', 1, 0),
      b('y', 1, 0),
      b('p', 0, 1),
      b('q', 1, 1),
    ]
    const links = [e('a', 'y'), e('b', 'x'), e('p', 'q')]
    expect(crossings(layeredLayout(crossed, links, { sweeps: 0 }), links)).toBe(
      1,
    )
    expect(crossings(layeredLayout(crossed, links), links)).toBe(0)
  })
})
