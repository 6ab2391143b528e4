/// <reference lib="dom" />
/** The toolbar: search, filters, path, collapse, camera and export. */
import { chainNodeId } from '../collapse.js'
import { search, validAmount } from '../model.js'
import type { ExploreData } from '../types.js'
import { button, byId, el, short } from './dom.js'
import { exportPng, exportSvg } from './export.js'
import type { App } from './main.js'
import { refilter, refold } from './state.js'

function options(
  select: HTMLSelectElement,
  all: string,
  values: string[],
): void {
  select.replaceChildren(
    el('option', { value: '' }, all),
    ...values.map((v) => el('option', { value: v }, v)),
  )
}

function wireSearch(app: App): void {
  const input = byId<HTMLInputElement>('search')
  const results = byId('search-results')
  const pick = (type: 'node' | 'edge', id: string) => {
    results.replaceChildren()
    app.select(type, id, true)
  }
  const show = () => {
    const matches = search(app.state().view, input.value)
    results.replaceChildren(
      ...matches.map((m) =>
        el(
          'li',
          {},
          button(
            `${m.type === 'node' ? 'address' : 'tx'} ${short(m.text, 14, 8)}`,
            () => pick(m.type, m.id),
            { class: 'linkish mono' },
          ),
        ),
      ),
    )
    if (input.value.trim().length >= 3 && !matches.length)
      results.replaceChildren(el('li', { class: 'muted' }, 'no match'))
    return matches
  }
  input.addEventListener('input', show)
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return
    const [first] = show()
    if (first) pick(first.type, first.id)
  })
}

function wireFilters(app: App): void {
  const { full } = app.state()
  const asset = byId<HTMLSelectElement>('asset')
  const chain = byId<HTMLSelectElement>('chain')
  const min = byId<HTMLInputElement>('min-amount')
  options(
    asset,
    'All assets',
    [...new Set(full.edges.map((e) => e.asset))].sort(),
  )
  const chains = [...new Set(full.nodes.map((n) => n.chain))].sort()
  options(chain, 'All chains', chains)
  chain.hidden = chains.length < 2
  const apply = () => {
    const ok = validAmount(min.value)
    min.classList.toggle('invalid', !ok)
    if (!ok) return
    app.update((s) =>
      refilter({
        ...s,
        filter: {
          asset: asset.value || null,
          chain: chain.value || null,
          minAmount: min.value,
        },
      }),
    )
  }
  asset.addEventListener('change', apply)
  chain.addEventListener('change', apply)
  min.addEventListener('input', apply)
}

/** Ends worth a path: deposits first, then services, funds at rest, stops. */
function pathTargets(data: ExploreData): { id: string; text: string }[] {
  const order = ['exchange', 'service', 'rest', 'unexplored']
  return data.nodes
    .filter((n) => order.includes(n.kind))
    .sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.hop - b.hop,
    )
    .map((n) => ({
      id: n.id,
      text: `${n.entity ?? n.kind} ${short(n.address ?? n.id, 8, 4)}`,
    }))
}

function wirePath(app: App): void {
  const select = byId<HTMLSelectElement>('path')
  select.replaceChildren(
    el('option', { value: '' }, 'Highlight path to…'),
    ...pathTargets(app.state().full).map((t) =>
      el('option', { value: t.id }, t.text),
    ),
  )
  select.addEventListener('change', () =>
    app.update((s) => refilter({ ...s, pathTarget: select.value || null })),
  )
}

function wireButtons(app: App): void {
  const camera = app.sigma.getCamera()
  byId('fit').addEventListener('click', () => app.fit())
  byId('zoom-in').addEventListener(
    'click',
    () => void camera.animatedZoom({ duration: 200 }),
  )
  byId('zoom-out').addEventListener(
    'click',
    () => void camera.animatedUnzoom({ duration: 200 }),
  )
  byId('clear').addEventListener('click', () => {
    byId<HTMLSelectElement>('path').value = ''
    app.update((s) => refilter({ ...s, pathTarget: null, selected: null }))
  })
  const collapse = byId<HTMLButtonElement>('collapse')
  const label = () => {
    const { chains, collapsed } = app.state()
    collapse.disabled = chains.length === 0
    collapse.textContent = collapsed.size
      ? 'Expand peel chains'
      : `Collapse peel chains (${chains.length})`
  }
  collapse.addEventListener('click', () => {
    app.update((s) =>
      refold({
        ...s,
        collapsed: new Set(s.collapsed.size ? [] : s.chains.map(chainNodeId)),
      }),
    )
    label()
    app.fit()
  })
  label()
  const name = 'fundtrace-graph'
  byId('export-svg').addEventListener('click', () =>
    exportSvg(app.sigma, app.bands(), name),
  )
  byId('export-png').addEventListener(
    'click',
    () => void exportPng(app.sigma, app.bands(), name),
  )
}

export function wireControls(app: App): void {
  wireSearch(app)
  wireFilters(app)
  wirePath(app)
  wireButtons(app)
}
