/// <reference lib="dom" />
/** The explorer's state: what is collapsed, filtered, selected and highlighted. */
import {
  chainNodeId,
  collapseChains,
  initialFolds,
  peelChains,
} from '../collapse.js'
import {
  type Filter,
  NO_FILTER,
  pathTo,
  type Visible,
  visibleSet,
} from '../model.js'
import type { ExploreData } from '../types.js'

export type Selection = { type: 'node' | 'edge'; id: string } | null

export type State = {
  full: ExploreData
  /** The data as drawn: full, with the collapsed peel chains folded. */
  view: ExploreData
  chains: string[][]
  collapsed: Set<string>
  filter: Filter
  visible: Visible
  path: Visible | null
  pathTarget: string | null
  selected: Selection
}

export function initialState(full: ExploreData): State {
  const chains = peelChains(full)
  const collapsed = new Set(initialFolds(full, chains))
  const state: State = {
    full,
    view: full,
    chains,
    collapsed,
    filter: NO_FILTER,
    visible: { nodes: new Set(), edges: new Set() },
    path: null,
    pathTarget: null,
    selected: null,
  }
  return refold(state)
}

/** Re-derives the drawn data after the collapsed set changed. */
export function refold(state: State): State {
  const folded = state.chains.filter((c) => state.collapsed.has(chainNodeId(c)))
  const view = collapseChains(state.full, folded)
  const ids = new Set(view.nodes.map((n) => n.id))
  const keep =
    state.pathTarget && ids.has(state.pathTarget) ? state.pathTarget : null
  return refilter({
    ...state,
    view,
    pathTarget: keep,
    selected:
      state.selected?.type === 'node' && !ids.has(state.selected.id)
        ? null
        : state.selected,
  })
}

export function refilter(state: State): State {
  return {
    ...state,
    visible: visibleSet(state.view, state.filter),
    path: state.pathTarget ? pathTo(state.view, state.pathTarget) : null,
  }
}
