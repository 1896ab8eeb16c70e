import { useApp } from '../app-context'
import { Notice } from './notice'

/** Why nothing can be generated yet: no backend configured, or it cannot be reached. */
export function ConnectionNotice() {
  const { settings, api, capabilities, navigate } = useApp()
  if (!settings) return null
  if (!api) {
    return (
      <Notice
        title="Connect to your backend"
        action={{ label: 'Open settings', onClick: () => navigate(['settings']) }}
        testId="connect-notice"
      >
        Add the backend URL and your access token in Settings.
      </Notice>
    )
  }
  if (capabilities.status === 'error') {
    return (
      <Notice
        tone="error"
        title={capabilities.error.title}
        action={
          // Retrying cannot help a backend Figma refuses: the fix is another URL (or another build).
          capabilities.error.code === 'origin_not_allowed'
            ? { label: 'Open settings', onClick: () => navigate(['settings']) }
            : { label: 'Retry', onClick: capabilities.reload }
        }
        testId="connect-notice"
      >
        {capabilities.error.detail}
      </Notice>
    )
  }
  return null
}
