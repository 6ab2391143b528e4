/// <reference lib="dom" />
/**
 * explore.html's script: reads the graph from the page's JSON block, draws it
 * with sigma (WebGL) and wires the toolbar, tooltip and side panel. Makes no
 * network request: everything it shows is in the page.
 */
import Sigma from 'sigma'
import { type FlowLines, nearestLine } from '../geometry.js'
import type { ExploreData } from '../types.js'
import { type BandRect, wireBands } from './bands.js'
import { wireControls } from './controls.js'
import { byId, el } from './dom.js'
import { wireGestures } from './gesture.js'
import { edgePanel, nodePanel, type PanelActions } from './panel.js'
import { sigmaSettings } from './settings.js'
import { initialState, refilter, refold, type State } from './state.js'
import { swapTooltip } from './swap-panel.js'
import {
  type Band,
  BEND,
  buildGraph,
  type EdgeAttrs,
  type NodeAttrs,
} from './view.js'

function readData(): ExploreData {
  return JSON.parse(byId('fundtrace-data').textContent ?? '{}') as ExploreData
}

export type App = {
  state(): State
  sigma: Sigma<NodeAttrs, EdgeAttrs>
  /** The transfers as drawn, in graph coordinates: what a click is tested against. */
  lines(): FlowLines
  /** The chain bands as drawn, in graph coordinates; none for one chain. */
  bands(): Band[]
  update(change: (s: State) => State): void
  select(type: 'node' | 'edge', id: string, focus?: boolean): void
  fit(): void
}

function createApp(): App {
  const data = timed('parse', readData)
  let state = timed('state', () => initialState(data))
  const container = byId('graph')
  let drawnGraph = timed('layout', () => buildGraph(state.view, data.layout))
  const sigma = new Sigma<NodeAttrs, EdgeAttrs>(
    drawnGraph.graph,
    container,
    sigmaSettings(data, () => state),
  )
  let drawn = state.view
  const app: App = {
    state: () => state,
    sigma,
    lines: () => drawnGraph.lines,
    bands: () => drawnGraph.bands,
    update(change) {
      state = change(state)
      if (state.view !== drawn) {
        drawn = state.view
        drawnGraph = buildGraph(state.view)
        sigma.setGraph(drawnGraph.graph)
      }
      renderPanel(state, panelActions(app))
      renderStatus(state)
      sigma.refresh()
    },
    select(type, id, focus = false) {
      app.update((s) => ({ ...s, selected: { type, id } }))
      if (focus) focusOn(sigma, state, type, id)
    },
    fit: () => void sigma.getCamera().animatedReset({ duration: 250 }),
  }
  return app
}

function panelActions(app: App): PanelActions {
  return {
    selectNode: (id) => app.select('node', id, true),
    selectEdge: (id) => app.select('edge', id, true),
    highlightPath: (id) =>
      app.update((s) => refilter({ ...s, pathTarget: id })),
    expand: (id) =>
      app.update((s) => {
        const collapsed = new Set(s.collapsed)
        collapsed.delete(id)
        return refold({ ...s, collapsed, selected: null })
      }),
  }
}

function focusOn(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  state: State,
  type: 'node' | 'edge',
  id: string,
): void {
  const edge =
    type === 'edge' ? state.view.edges.find((e) => e.id === id) : undefined
  const ends = edge ? [edge.source, edge.target] : [id]
  const points = ends.map((n) => sigma.getNodeDisplayData(n)).filter((d) => !!d)
  if (!points.length) return
  const x = points.reduce((s, p) => s + p.x, 0) / points.length
  const y = points.reduce((s, p) => s + p.y, 0) / points.length
  const camera = sigma.getCamera()
  // Close enough on a big graph for the node to stand apart from its neighbours.
  const near = state.view.nodes.length > 1000 ? 0.05 : 0.6
  void camera.animate(
    { x, y, ratio: Math.min(camera.ratio, near) },
    { duration: 250 },
  )
}

function renderPanel(state: State, actions: PanelActions): void {
  const panel = byId('panel')
  const sel = state.selected
  const node =
    sel?.type === 'node'
      ? state.view.nodes.find((n) => n.id === sel.id)
      : undefined
  const edge =
    sel?.type === 'edge'
      ? state.view.edges.find((e) => e.id === sel.id)
      : undefined
  const body = node
    ? nodePanel(state.view, node, actions)
    : edge
      ? edgePanel(state.view, edge, actions)
      : el(
          'p',
          { class: 'muted' },
          'Click an address or a transfer to see its details and evidence.',
        )
  panel.replaceChildren(body)
}

function renderStatus(state: State): void {
  const status = byId('status')
  const nodes = state.visible.nodes.size
  const edges = state.visible.edges.size
  status.dataset.visibleNodes = String(nodes)
  status.dataset.visibleEdges = String(edges)
  const folded = state.collapsed.size
    ? ` · ${state.collapsed.size} peel chain${state.collapsed.size > 1 ? 's' : ''} collapsed`
    : ''
  const path = state.pathTarget
    ? ` · path to ${state.pathTarget.slice(0, 14)}… highlighted (${state.path?.nodes.size ?? 0} addresses)`
    : ''
  status.textContent = `Showing ${nodes} of ${state.view.nodes.length} nodes, ${edges} of ${state.view.edges.length} transfers${folded}${path}`
}

function wireGraphEvents(app: App): void {
  const tooltip = byId('tooltip')
  const { sigma } = app
  const place = (at: { x: number; y: number }) => {
    const box = sigma.getContainer().getBoundingClientRect()
    tooltip.style.left = `${box.left + at.x + 14}px`
    tooltip.style.top = `${box.top + at.y + 14}px`
    tooltip.hidden = false
  }
  sigma.on('clickNode', ({ node }) => {
    const flow = bendFlow(app, node)
    app.select(flow ? 'edge' : 'node', flow ?? node)
  })
  sigma.on('clickStage', ({ event }) => {
    const edge = edgeAt(app, event)
    if (edge) app.select('edge', edge)
    else app.update((s) => ({ ...s, selected: null }))
  })
  sigma.on('enterNode', ({ node, event }) => {
    const flow = bendFlow(app, node)
    if (flow) return showEdge(flow, event)
    const n = app.state().view.nodes.find((x) => x.id === node)
    if (!n) return
    tooltip.replaceChildren(
      el('strong', {}, n.entity ?? n.kind),
      el('div', { class: 'mono' }, n.address ?? n.id),
      el(
        'div',
        {},
        `${app.bands().length ? `${n.chain} · ` : ''}hop ${n.hop}${n.note ? ` · ${n.note}` : ''}`,
      ),
    )
    place(event)
  })
  const showEdge = (edge: string, event: { x: number; y: number }) => {
    const e = app.state().view.edges.find((x) => x.id === edge)
    if (!e) return
    if (e.swap) {
      tooltip.replaceChildren(...swapTooltip(e.swap))
      return place(event)
    }
    tooltip.replaceChildren(
      el('strong', {}, `${e.tainted} ${e.asset}`),
      el(
        'div',
        { class: 'mono' },
        `${e.txHash.slice(0, 16)}…:${e.outputIndex}`,
      ),
      el('div', {}, e.time ?? 'unconfirmed'),
    )
    place(event)
  }
  const hide = () => {
    tooltip.hidden = true
  }
  let overNode = false
  sigma.on('enterNode', () => {
    overNode = true
  })
  sigma.on('leaveNode', () => {
    overNode = false
    hide()
  })
  let hovered: string | null = null
  sigma.getMouseCaptor().on('mousemove', (event) => {
    if (overNode || sigma.getMouseCaptor().isMoving) return
    const edge = edgeAt(app, event)
    if (edge === hovered) return
    hovered = edge
    if (edge) showEdge(edge, event)
    else hide()
  })
}

// A click this close to a drawn transfer (in screen pixels) picks it.
const PICK_PX = 5

/** The visible transfer under a point of the graph's canvas, if any. */
function edgeAt(app: App, at: { x: number; y: number }): string | null {
  const { sigma } = app
  const visible = app.state().visible.edges
  const p = sigma.viewportToGraph(at)
  const q = sigma.viewportToGraph({ x: at.x + PICK_PX, y: at.y })
  const tolerance = Math.hypot(q.x - p.x, q.y - p.y)
  const lines = [...app.lines()].filter(([id]) => visible.has(id))
  return nearestLine(lines, p, tolerance)
}

/** The transfer a bend joint belongs to. */
function bendFlow(app: App, node: string): string | null {
  const attrs = app.sigma.getGraph().getNodeAttributes(node)
  return attrs.kind === BEND ? (attrs.flow ?? null) : null
}

/** For tests and scripting: where a node is on screen, in page pixels. */
function exposeHooks(app: App, bands: () => BandRect[]): void {
  const hooks = {
    /** The chain bands as last drawn, in viewport pixels. */
    bandsDrawn: bands,
    nodeOnPage(id: string): { x: number; y: number } | null {
      const d = app.sigma.getNodeDisplayData(id)
      if (!d || d.hidden) return null
      const p = app.sigma.framedGraphToViewport(d)
      const box = app.sigma.getContainer().getBoundingClientRect()
      return { x: box.left + p.x, y: box.top + p.y }
    },
  }
  Object.assign(window, {
    fundtraceExplorer: {
      ...hooks,
      timings,
      sigma: app.sigma,
      camera: () => app.sigma.getCamera(),
    },
  })
}

/** Milliseconds per start-up phase, for the benchmark. */
const timings: Record<string, number> = {}
function timed<T>(name: string, run: () => T): T {
  const start = performance.now()
  const result = run()
  timings[name] = Math.round(performance.now() - start)
  return result
}

function start(): void {
  const app = timed('create', createApp)
  timed('wire', () => {
    const bands = app.bands().length ? wireBands(app.sigma, app.bands) : null
    wireGraphEvents(app)
    wireGestures(app.sigma)
    wireControls(app)
    exposeHooks(app, bands ?? (() => []))
  })
  // sigma drew the graph when it was made: only the panel and status remain.
  timed('first-render', () => {
    renderPanel(app.state(), panelActions(app))
    renderStatus(app.state())
  })
  document.body.dataset.ready = 'true'
}

try {
  start()
} catch (err) {
  // The page is hidden while it loads (styles.ts): show whatever there is.
  document.body.dataset.failed = 'true'
  throw err
}
