import type { KlingAccess } from '../config'
import { logEvent } from '../log'
import { klingRequestAsync, KlingTransportError, type KlingReply } from './kling-http'
import { KLING_RETRY, klingBackoffMs, klingCodeAction } from './kling-errors'
import { KLING_DEFAULT_MODELS, KLING_MODELS } from './kling-capabilities'
import { klingCreateBody, klingCreatePath, klingTaskPath } from './kling-request'
import { parseKlingTask, plain } from './kling-task'
import { ProviderError, type Provider, type ProviderFailure, type TaskInput, type TaskRef } from './provider'

/** Seconds we ask clients to wait after Kling said it is busy or down. */
const RETRY_AFTER_S = 5

/** Kling's official API (kling-upstream.md): HS256 JWT or API key, envelope codes, async tasks. */
export class KlingProvider implements Provider {
  readonly name = 'kling'
  readonly defaultModel = KLING_DEFAULT_MODELS.generate
  readonly defaultModels = KLING_DEFAULT_MODELS
  readonly findsTasksByJobId = true
  readonly sendsCallbacks = true
  readonly imageInput = 'inline'

  constructor(
    private readonly kling: KlingAccess,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  models() {
    return KLING_MODELS
  }

  unavailable() {
    return []
  }

  async accountAsync() {
    return null
  }

  callbackTask() {
    // Kling's tasks are found by our job id, so a callback never needs to name one.
    return null
  }

  /**
   * Creates the task, never twice: a create is billed and not idempotent, so whenever its outcome is unknown
   * (lost connection, 5xx, an unreadable answer or one without a task id) we first look the task up by our job id (Kling's
   * `external_task_id`), and resubmit only when Kling says it does not exist.
   */
  async submit(input: TaskInput): Promise<{ taskId: string }> {
    const path = klingCreatePath(input.operation)
    const body = klingCreateBody(input)
    let unresolved = false
    let lastReply: KlingReply | null = null
    for (let attempt = 0; attempt < KLING_RETRY.attempts; attempt++) {
      if (attempt > 0) await this.sleep(klingBackoffMs(attempt - 1))
      let reply: KlingReply | null = null
      try {
        reply = await klingRequestAsync(this.kling, 'POST', path, body)
        lastReply = reply
      } catch (error) {
        if (!(error instanceof KlingTransportError)) throw error
      }
      if (reply) {
        const action = klingCodeAction(reply.code, reply.httpStatus)
        const taskId = action.action === 'ok' ? taskIdOf(reply.data) : null
        if (taskId) return { taskId }
        // A 2xx whose body is no envelope (cut short on the way): Kling may have created the task, so look it up.
        const unreadable = reply.code === null && reply.httpStatus >= 200 && reply.httpStatus < 300
        if (action.action === 'fail' && !unreadable) {
          // A duplicate external_task_id after a lost attempt means that attempt did create the task.
          if (action.reason === 'rejected_request' && unresolved) {
            const found = await this.lookupAsync(input)
            if (found) return { taskId: found }
          }
          throw this.failure(action.reason, reply)
        }
        if (action.action === 'resign') throw this.failure('auth', reply)
        // 1302/1303: a definite "not now"; nothing was created, so simply try again.
        if (action.action === 'retry' && !action.serverError) continue
      }
      const found = await this.lookupAsync(input)
      if (found) return { taskId: found }
      unresolved = found === undefined
    }
    const code = lastReply?.code ?? null
    if (!unresolved && (code === 1302 || code === 1303)) {
      throw new ProviderError('at_capacity', `Kling's account is at its concurrency limit (code ${code}).`, RETRY_AFTER_S)
    }
    // What Kling last said, in words: its code, else the HTTP status of a bare answer, else that nothing came back.
    const said = code !== null ? `code ${code}` : lastReply ? `HTTP ${lastReply.httpStatus}` : 'no answer'
    throw new ProviderError(
      'unavailable',
      `Kling is busy or unavailable (${said}); try again in a few seconds.`,
      RETRY_AFTER_S,
      unresolved,
      lastReply ? (lastReply.code ?? lastReply.httpStatus) : undefined,
    )
  }

  async read(ref: TaskRef) {
    let reply: KlingReply
    try {
      reply = await klingRequestAsync(this.kling, 'GET', klingTaskPath(ref.operation, ref.taskId ?? ref.jobId))
    } catch {
      throw new ProviderError('unavailable', 'Kling could not be reached; try again shortly.', RETRY_AFTER_S)
    }
    if (reply.code === 1203) return null
    const action = klingCodeAction(reply.code, reply.httpStatus)
    if (action.action === 'ok') return parseKlingTask(reply.data)
    if (action.action === 'fail') throw this.failure(action.reason, reply)
    if (action.action === 'resign') throw this.failure('auth', reply)
    throw this.failure('unavailable', reply)
  }

  /** The upstream task id for our job id; null when Kling has none, undefined when it could not be asked. */
  private async lookupAsync(input: TaskInput): Promise<string | null | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt > 0) await this.sleep(klingBackoffMs(0))
      try {
        const task = await this.read({ jobId: input.jobId, operation: input.operation, taskId: null })
        return task ? task.taskId : null
      } catch (error) {
        if (!(error instanceof ProviderError) || error.reason !== 'unavailable') throw error
      }
    }
    return undefined
  }

  private failure(reason: ProviderFailure, reply: KlingReply): ProviderError {
    const code = reply.code ?? `HTTP ${reply.httpStatus}`
    const upstreamCode = reply.code ?? reply.httpStatus
    const said = plain(reply.message)
    const error = (message: string, retryAfter?: number) => new ProviderError(reason, message, retryAfter, false, upstreamCode)
    if (reason === 'auth') {
      // The one line an operator needs: which code, never which key.
      logEvent('error', 'kling_auth_rejected', { code: reply.code, http_status: reply.httpStatus, request_id: reply.requestId })
      return error(`Kling refused this server's credentials (code ${code}); the operator must check them.`)
    }
    logEvent('warn', 'kling_refused', { reason, code: reply.code, http_status: reply.httpStatus, request_id: reply.requestId })
    switch (reason) {
      case 'insufficient_credits':
        return error(`Kling refused the job: the account's balance or resource pack is used up (code ${code}).`)
      case 'content_rejected':
        return error(`Kling's content policy refused this request${said ? `: ${said}` : ''}.`)
      case 'rejected_request':
        return error(`Kling rejected the request as invalid (code ${code}${said ? `: ${said}` : ''}).`)
      case 'unavailable':
        return error(`Kling is busy or unavailable (code ${code}); try again in a few seconds.`, RETRY_AFTER_S)
      default:
        return error(`Kling answered with something unusable (code ${code}).`)
    }
  }
}

function taskIdOf(data: unknown): string | null {
  const id = (data as { task_id?: unknown } | null)?.task_id
  return typeof id === 'string' && id ? id : null
}
