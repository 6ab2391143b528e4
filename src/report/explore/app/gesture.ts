/// <reference lib="dom" />
/**
 * Panning and wheel zoom move a picture of the graph, not the graph. Without
 * a GPU, every frame sigma draws costs the browser a composite of its seven
 * full-window layers (about 250 ms here, at any graph size); moving one
 * flattened picture costs one. So a drag or a wheel turn takes a snapshot of
 * the drawn layers, moves and scales it with CSS, and sets the camera once
 * when the hand stops: sigma then draws the new view a single time. The only
 * cost is that what lay outside the window appears on release.
 */
import type Sigma from 'sigma'
import type { CameraState } from 'sigma/types'
import { fitCanvas } from './dom.js'
import type { EdgeAttrs, NodeAttrs } from './view.js'

type Renderer = Sigma<NodeAttrs, EdgeAttrs>
type At = { x: number; y: number }

// A press that moves less than this (in pixels) is a click, not a drag.
const DRAG_PX = 3
// The wheel has stopped when no turn came for this long.
const WHEEL_SETTLE_MS = 400

/**
 * Sigma's layers in page order, bottom first (a layer added later, such as
 * the chain bands, may sit under the others); the top one only takes the mouse.
 */
function layers(sigma: Renderer): HTMLCanvasElement[] {
  const all = sigma.getCanvases()
  const drawn = new Set(
    Object.entries(all)
      .filter(([id]) => id !== 'mouse')
      .map(([, canvas]) => canvas),
  )
  return Array.from(sigma.getContainer().querySelectorAll('canvas')).filter(
    (c) => drawn.has(c),
  )
}

/**
 * One opaque canvas holding what sigma last drew, kept hidden until a
 * gesture. It is refreshed right after each render, in the same task: the
 * WebGL buffers are only readable until the frame is shown.
 */
function createPicture(sigma: Renderer) {
  const canvas = document.createElement('canvas')
  canvas.className = 'picture'
  canvas.hidden = true
  sigma.getContainer().insertBefore(canvas, sigma.getCanvases().mouse ?? null)
  let at = sigma.getCamera().getState()
  const copy = () => {
    fitCanvas(canvas, sigma.getDimensions())
    const ctx = canvas.getContext('2d', { alpha: false })
    if (!ctx) return
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    for (const layer of layers(sigma))
      ctx.drawImage(layer, 0, 0, canvas.width, canvas.height)
    at = sigma.getCamera().getState()
  }
  sigma.on('afterRender', copy)
  copy()
  const showLayers = (on: boolean) => {
    canvas.hidden = on
    for (const layer of layers(sigma))
      layer.style.visibility = on ? '' : 'hidden'
  }
  return {
    /** The camera the picture was drawn with. */
    at: () => at,
    show(transform: string) {
      canvas.style.transform = transform
      if (canvas.hidden) showLayers(false)
    },
    hide: () => showLayers(true),
  }
}

/** The CSS transform that carries the picture taken at `from` to `to`. */
function pictureTransform(
  sigma: Renderer,
  from: CameraState,
  to: CameraState,
): string {
  const corner = sigma.viewportToFramedGraph(
    { x: 0, y: 0 },
    { cameraState: from },
  )
  const at = sigma.framedGraphToViewport(corner, { cameraState: to })
  return `translate(${at.x}px, ${at.y}px) scale(${from.ratio / to.ratio})`
}

/** The camera after dragging the point under `start` to `now`. */
function panned(
  sigma: Renderer,
  from: CameraState,
  start: At,
  now: At,
): CameraState {
  const a = sigma.viewportToFramedGraph(start, { cameraState: from })
  const b = sigma.viewportToFramedGraph(now, { cameraState: from })
  return { ...from, x: from.x + a.x - b.x, y: from.y + a.y - b.y }
}

/** The camera zoomed to `ratio` about a viewport point, which stays put. */
function zoomed(
  sigma: Renderer,
  from: CameraState,
  at: At,
  ratio: number,
): CameraState {
  const { width, height } = sigma.getDimensions()
  const g = sigma.viewportToFramedGraph(at, { cameraState: from })
  const c = sigma.viewportToFramedGraph(
    { x: width / 2, y: height / 2 },
    { cameraState: from },
  )
  const k = 1 - ratio / from.ratio
  return {
    ...from,
    ratio,
    x: from.x + (g.x - c.x) * k,
    y: from.y + (g.y - c.y) * k,
  }
}

function position(sigma: Renderer, event: MouseEvent): At {
  const box = sigma.getContainer().getBoundingClientRect()
  return { x: event.clientX - box.left, y: event.clientY - box.top }
}

type Mover = {
  /** Where the camera will be when the gesture settles (or is now). */
  target(): CameraState
  show(next: CameraState): void
  settle(): void
}

function createMover(sigma: Renderer): Mover {
  const camera = sigma.getCamera()
  const picture = createPicture(sigma)
  let target: CameraState | null = null
  return {
    target: () => target ?? camera.getState(),
    show(next) {
      target = next
      picture.show(pictureTransform(sigma, picture.at(), next))
    },
    settle() {
      const next = target
      target = null
      if (!next) return
      // The new view replaces the picture in the same frame it is drawn.
      sigma.once('afterRender', picture.hide)
      camera.setState(next)
    },
  }
}

function wireDrag(sigma: Renderer, mover: Mover): void {
  let drag: { start: At; from: CameraState; moved: boolean } | null = null
  let swallowClick = false
  const capture = { capture: true }
  sigma.getContainer().addEventListener(
    'mousedown',
    (event) => {
      if (event.button !== 0) return
      drag = {
        start: position(sigma, event),
        from: mover.target(),
        moved: false,
      }
    },
    capture,
  )
  // While the button is down, sigma sees no move: no per-move hover test
  // (a pixel read that waits for the GPU) and no live camera drag.
  document.addEventListener(
    'mousemove',
    (event) => {
      if (!drag) return
      event.stopImmediatePropagation()
      const now = position(sigma, event)
      const far = Math.hypot(now.x - drag.start.x, now.y - drag.start.y)
      if (!drag.moved && far < DRAG_PX) return
      drag.moved = true
      mover.show(panned(sigma, drag.from, drag.start, now))
    },
    capture,
  )
  document.addEventListener(
    'mouseup',
    () => {
      if (!drag) return
      swallowClick = drag.moved
      drag = null
      if (swallowClick) mover.settle()
      setTimeout(() => {
        swallowClick = false
      }, 0)
    },
    capture,
  )
  // The click that ends a drag selects nothing.
  sigma.getContainer().addEventListener(
    'click',
    (event) => {
      if (swallowClick) event.stopImmediatePropagation()
    },
    capture,
  )
}

/**
 * The wheel has stopped when no turn came for WHEEL_SETTLE_MS and two frames
 * were shown without one: on a slow machine a frame can outlast the delay.
 */
function wireWheel(sigma: Renderer, mover: Mover): void {
  const camera = sigma.getCamera()
  let timer: ReturnType<typeof setTimeout> | undefined
  let quietFrames = 0
  let counting = false
  const count = () => {
    quietFrames++
    counting = quietFrames < 2
    if (counting) requestAnimationFrame(count)
  }
  const trySettle = () => {
    if (quietFrames >= 2) mover.settle()
    else timer = setTimeout(trySettle, 50)
  }
  const turn = (event: WheelEvent) => {
    event.preventDefault()
    event.stopImmediatePropagation()
    const from = mover.target()
    // A mouse notch is about 100 px of delta; a trackpad sends many small ones.
    const turns = Math.max(-1, Math.min(1, -event.deltaY / 100))
    const ratio = camera.getBoundedRatio(
      from.ratio / sigma.getSetting('zoomingRatio') ** turns,
    )
    if (ratio === from.ratio) return
    mover.show(zoomed(sigma, from, position(sigma, event), ratio))
    quietFrames = 0
    if (!counting) requestAnimationFrame(count)
    counting = true
    clearTimeout(timer)
    timer = setTimeout(trySettle, WHEEL_SETTLE_MS)
  }
  sigma
    .getContainer()
    .addEventListener('wheel', turn, { capture: true, passive: false })
}

export function wireGestures(sigma: Renderer): void {
  const mover = createMover(sigma)
  wireDrag(sigma, mover)
  wireWheel(sigma, mover)
}
