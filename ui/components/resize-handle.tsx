import { useRef } from 'preact/hooks'
import { useApp } from '../app-context'

/**
 * The panel's bottom-right corner: drag it to resize the plugin window (figma.ui.resize, through main), which
 * keeps the size for the next launch. Pointer capture keeps the drag while the window grows under the pointer.
 */
export function ResizeHandle() {
  const { bridge } = useApp()
  const drag = useRef<{ x: number; y: number; width: number; height: number } | null>(null)
  const frame = useRef(0)

  const onPointerDown = (event: PointerEvent) => {
    event.currentTarget instanceof Element && event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.screenX, y: event.screenY, width: window.innerWidth, height: window.innerHeight }
  }
  const onPointerMove = (event: PointerEvent) => {
    const start = drag.current
    if (!start) return
    const size = { width: start.width + event.screenX - start.x, height: start.height + event.screenY - start.y }
    cancelAnimationFrame(frame.current)
    frame.current = requestAnimationFrame(() => void bridge.call('resizeUi', size).catch(() => undefined))
  }
  const onPointerUp = () => {
    drag.current = null
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 40 : 10
    const delta = { ArrowRight: [step, 0], ArrowLeft: [-step, 0], ArrowDown: [0, step], ArrowUp: [0, -step] }[event.key]
    if (!delta) return
    event.preventDefault()
    void bridge.call('resizeUi', { width: window.innerWidth + delta[0], height: window.innerHeight + delta[1] }).catch(() => undefined)
  }

  return (
    <div
      class="resize-handle"
      role="separator"
      tabIndex={0}
      aria-label="Resize panel"
      title="Drag to resize the panel"
      data-testid="resize-handle"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  )
}
