import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { Job } from '../../shared/api/schemas'
import type { ApiClient } from '../api/client'
import { describeError, type ErrorText } from '../api/describe-error'

const PAGE = 20

/** The caller's past jobs from `GET /v1/jobs`, newest first, a page at a time. */
export function useHistory(api: ApiClient | null) {
  const [jobs, setJobs] = useState<Job[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ErrorText | null>(null)
  const request = useRef(0)

  const load = useCallback(
    async (from: string | null) => {
      if (!api) return
      const id = ++request.current
      setLoading(true)
      setError(null)
      try {
        const page = await api.listJobs({ limit: PAGE, cursor: from })
        if (id !== request.current) return
        setJobs((old) => (from ? [...old, ...page.jobs] : page.jobs))
        setCursor(page.next_cursor)
      } catch (e) {
        if (id === request.current) setError(describeError(e))
      } finally {
        if (id === request.current) setLoading(false)
      }
    },
    [api],
  )

  useEffect(() => {
    setJobs([])
    setCursor(null)
    void load(null)
  }, [load])

  return {
    jobs,
    loading,
    error,
    hasMore: cursor !== null,
    refresh: useCallback(() => load(null), [load]),
    loadMore: useCallback(() => load(cursor), [load, cursor]),
  }
}
