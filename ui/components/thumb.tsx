import { useEffect, useRef, useState } from 'preact/hooks'
import type { ApiClient } from '../api/client'
import { useThumbnail } from '../hooks/use-thumbnail'

/** A job image, downloaded with the token only once it scrolls into view. */
export function Thumb({ api, url, alt }: { api: ApiClient | null; url: string | null; alt: string }) {
  const box = useRef<HTMLDivElement>(null)
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    const element = box.current
    if (!element || typeof IntersectionObserver === 'undefined') return setVisible(true)
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true)
        observer.disconnect()
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const src = useThumbnail(api, url, visible)
  // Bytes the browser cannot draw (damaged on the way) show the empty box, not a broken-image icon and its alt text.
  const [broken, setBroken] = useState<string | null>(null)
  return (
    <div class="thumb" ref={box}>
      {src && src !== 'error' && src !== broken ? (
        <img src={src} alt={alt} onError={() => setBroken(src)} />
      ) : (
        <span class="thumb-empty" aria-hidden="true" />
      )}
    </div>
  )
}
