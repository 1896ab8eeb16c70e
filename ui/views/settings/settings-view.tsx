import { useEffect, useState } from 'preact/hooks'
import { ApiClient } from '../../api/client'
import { testConnection, urlIssue, type ConnectionReport } from '../../api/test-connection'
import { useApp } from '../../app-context'
import { ActionBar } from '../../components/action-bar'
import { Field } from '../../components/field'
import { Notice } from '../../components/notice'
import { Select } from '../../components/select'
import { ConnectionResult } from './connection-result'

const CONCURRENCY = ['1', '2', '3', '4', '5', '6'] as const

/** Backend URL and token (kept by main in clientStorage), parallel jobs, and a connection test. */
export function SettingsView({ reason }: { reason?: string }) {
  const { settings, saveSettings, capabilities } = useApp()
  const [url, setUrl] = useState(settings?.backendUrl ?? '')
  const [token, setToken] = useState(settings?.token ?? '')
  const [concurrency, setConcurrency] = useState(String(settings?.concurrency ?? 6))
  const [reveal, setReveal] = useState(false)
  const [testing, setTesting] = useState(false)
  const [report, setReport] = useState<ConnectionReport | null>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    if (!settings) return
    setUrl(settings.backendUrl)
    setToken(settings.token)
    setConcurrency(String(settings.concurrency))
  }, [settings])

  const dirty =
    !!settings && (url.trim() !== settings.backendUrl || token.trim() !== settings.token || Number(concurrency) !== settings.concurrency)
  const issue = url ? urlIssue(url) : null

  const save = async () => {
    if (!settings || issue) return
    await saveSettings({ ...settings, backendUrl: url.trim().replace(/\/+$/, ''), token: token.trim(), concurrency: Number(concurrency) })
    setSaved(true)
  }
  const test = async () => {
    setTesting(true)
    setReport(null)
    const client = urlIssue(url) ? null : new ApiClient({ baseUrl: url.trim(), token: token.trim() })
    const result = client
      ? await testConnection(client, url.trim(), token.trim())
      : { ok: false as const, title: urlIssue(url) ?? 'Enter the backend URL.', detail: null }
    setReport(result)
    setTesting(false)
    if (result.ok && dirty) await save()
    if (result.ok) capabilities.reload()
  }

  const edit = (setter: (value: string) => void) => (value: string) => {
    setter(value)
    setSaved(false)
    setReport(null)
  }

  return (
    <div class="view">
      <div class="view-body">
        {reason && <Notice title={reason} />}
        <Field
          label="Backend URL"
          error={issue}
          hint="The address of your Kling Frames Worker."
          control={(id, describedBy) => (
            <input
              id={id}
              class="input"
              type="url"
              inputMode="url"
              spellcheck={false}
              autoComplete="off"
              value={url}
              aria-describedby={describedBy}
              onInput={(e) => edit(setUrl)(e.currentTarget.value)}
            />
          )}
        />
        <Field
          label="Access token"
          hint="Your personal token from whoever runs the backend. Stored on this computer only."
          control={(id, describedBy) => (
            <div class="input-group">
              <input
                id={id}
                class="input"
                // Typed as 'password' only: Preact's input types are a discriminated union.
                type={(reveal ? 'text' : 'password') as 'password'}
                spellcheck={false}
                autoComplete="off"
                value={token}
                aria-describedby={describedBy}
                onInput={(e) => edit(setToken)(e.currentTarget.value)}
              />
              <button type="button" class="btn btn-small btn-ghost" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
                {reveal ? 'Hide' : 'Show'}
              </button>
            </div>
          )}
        />
        <Field
          label="Parallel jobs"
          hint="How many jobs run at once when filling placeholders."
          control={(id, describedBy) => (
            <Select
              id={id}
              describedBy={describedBy}
              value={concurrency as (typeof CONCURRENCY)[number]}
              options={CONCURRENCY.map((v) => ({ value: v, label: v }))}
              onChange={edit(setConcurrency)}
            />
          )}
        />
        <ConnectionResult report={report} testing={testing} />
      </div>
      <ActionBar summary={saved && !dirty ? 'Saved.' : dirty ? 'Unsaved changes' : ''}>
        <button type="button" class="btn" onClick={() => void test()} disabled={testing}>
          Test connection
        </button>
        <button type="button" class="btn btn-primary" onClick={() => void save()} disabled={!dirty || !!issue}>
          Save
        </button>
      </ActionBar>
    </div>
  )
}
