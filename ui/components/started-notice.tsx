import { useApp } from '../app-context'

/** "Started 2 jobs. View jobs": what a view's action bar says once its jobs are on their way. */
export function StartedNotice({ message }: { message: string }) {
  const { navigate } = useApp()
  return (
    <>
      {message}{' '}
      <button type="button" class="link" onClick={() => navigate(['jobs'])}>
        View jobs
      </button>
    </>
  )
}
