/// <reference lib="dom" />
/**
 * sigma's settings: what is hidden, dimmed or highlighted is decided per
 * frame from the current state by the two reducers.
 */
import type { Settings } from 'sigma/settings'
import type { ExploreData } from '../types.js'
import type { State } from './state.js'
import { BIG_GRAPH_EDGES, type EdgeAttrs, type NodeAttrs } from './view.js'

const DIM = '#e5e7eb'
const PATH = '#b91c1c'

type Reducers = Pick<
  Settings<NodeAttrs, EdgeAttrs>,
  'nodeReducer' | 'edgeReducer'
>

function reducers(state: () => State): Reducers {
  return {
    nodeReducer: (id, attrs) => {
      const s = state()
      if (!s.visible.nodes.has(id)) return { ...attrs, hidden: true }
      // The selected node stays in colour even off the highlighted path.
      if (s.selected?.type === 'node' && s.selected.id === id)
        return { ...attrs, highlighted: true, zIndex: 2 }
      if (s.path && !s.path.nodes.has(id))
        return { ...attrs, color: DIM, label: '', zIndex: 0 }
      return { ...attrs, zIndex: 1 }
    },
    edgeReducer: (id, attrs) => {
      const s = state()
      if (!s.visible.edges.has(id)) return { ...attrs, hidden: true }
      if (s.path)
        return s.path.edges.has(id)
          ? { ...attrs, color: PATH, size: attrs.size + 1, zIndex: 1 }
          : { ...attrs, color: DIM, zIndex: 0 }
      const selected = s.selected?.type === 'edge' && s.selected.id === id
      return selected
        ? { ...attrs, color: PATH, size: attrs.size + 2, zIndex: 1 }
        : attrs
    },
  }
}

export function sigmaSettings(
  data: ExploreData,
  state: () => State,
): Partial<Settings<NodeAttrs, EdgeAttrs>> {
  const big = data.edges.length > BIG_GRAPH_EDGES
  return {
    enableEdgeEvents: !big,
    hideEdgesOnMove: big,
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
