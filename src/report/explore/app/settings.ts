/// <reference lib="dom" />
/**
 * sigma's settings: what is hidden, dimmed or highlighted is decided per
 * frame from the current state by the two reducers.
 */
import { EdgeRectangleProgram } from 'sigma/rendering'
import type { Settings } from 'sigma/settings'
import type { ExploreData } from '../types.js'
import type { State } from './state.js'
import {
  BEND,
  BIG_GRAPH_EDGES,
  type EdgeAttrs,
  type NodeAttrs,
} from './view.js'

const DIM = '#e5e7eb'
const PATH = '#b91c1c'

type Reducers = Pick<
  Settings<NodeAttrs, EdgeAttrs>,
  'nodeReducer' | 'edgeReducer'
>

/** How a transfer is drawn now: hidden, on the path, selected, dimmed or plain. */
function flowStyle(
  s: State,
  flow: string,
): { hidden: true } | { color: string; grow: number; zIndex: number } | null {
  if (!s.visible.edges.has(flow)) return { hidden: true }
  if (s.path)
    return s.path.edges.has(flow)
      ? { color: PATH, grow: 1, zIndex: 1 }
      : { color: DIM, grow: 0, zIndex: 0 }
  if (s.selected?.type === 'edge' && s.selected.id === flow)
    return { color: PATH, grow: 2, zIndex: 1 }
  return null
}

function reduceFlow<T extends { size: number; color: string }>(
  s: State,
  flow: string,
  attrs: T,
  grow: (by: number) => number,
): T & { hidden?: boolean; zIndex?: number } {
  const style = flowStyle(s, flow)
  if (!style) return attrs
  if ('hidden' in style) return { ...attrs, hidden: true }
  return {
    ...attrs,
    color: style.color,
    size: attrs.size + grow(style.grow),
    zIndex: style.zIndex,
  }
}

function reducers(state: () => State): Reducers {
  return {
    nodeReducer: (id, attrs) => {
      const s = state()
      if (attrs.kind === BEND && attrs.flow)
        return reduceFlow(s, attrs.flow, attrs, (by) => by / 2)
      if (!s.visible.nodes.has(id)) return { ...attrs, hidden: true }
      // The selected node stays in colour even off the highlighted path.
      if (s.selected?.type === 'node' && s.selected.id === id)
        return { ...attrs, highlighted: true, zIndex: 2 }
      if (s.path && !s.path.nodes.has(id))
        return { ...attrs, color: DIM, label: '', zIndex: 0 }
      return { ...attrs, zIndex: 1 }
    },
    edgeReducer: (_id, attrs) =>
      reduceFlow(state(), attrs.flow, attrs, (by) => by),
  }
}

export function sigmaSettings(
  data: ExploreData,
  state: () => State,
): Partial<Settings<NodeAttrs, EdgeAttrs>> {
  const big = data.edges.length > BIG_GRAPH_EDGES
  return {
    // Transfers are picked by their drawn lines (geometry.ts), at any size:
    // the renderer's per-pixel edge picking costs a second pass every frame.
    enableEdgeEvents: false,
    hideEdgesOnMove: big,
    // Big graphs draw no arrow heads (view.ts): one program to compile, not two.
    ...(big ? { edgeProgramClasses: { arrow: EdgeRectangleProgram } } : {}),
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 3,
    labelDensity: data.nodes.length > 1000 ? 0.4 : 2,
    labelSize: 12,
    // Labels run to the right of their node: room for the last layer's.
    stagePadding: 110,
    zIndex: true,
    ...reducers(state),
  }
}
