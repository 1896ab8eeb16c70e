import type { ExpandTarget } from '../../../shared/protocol/messages'

/** The frame with the image inside it, to scale: the shaded part is what Kling will paint. */
export function ExpandDiagram({ target }: { target: ExpandTarget }) {
  const { frame, image } = target
  const box = { width: 200, height: 110 }
  const scale = Math.min(box.width / frame.width, box.height / frame.height)
  const pct = (v: number, of: number) => `${(v / of) * 100}%`
  return (
    <div class="diagram" aria-hidden="true">
      <div class="diagram-frame" style={{ width: `${frame.width * scale}px`, height: `${frame.height * scale}px` }}>
        <div
          class="diagram-image"
          style={{
            left: pct(image.x, frame.width),
            top: pct(image.y, frame.height),
            width: pct(image.width, frame.width),
            height: pct(image.height, frame.height),
          }}
        />
      </div>
    </div>
  )
}
