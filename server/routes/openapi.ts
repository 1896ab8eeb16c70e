import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { openApiDocument } from './openapi-document'

let cached: string | null = null

/** `GET /v1/openapi.json`, no auth. Built once per isolate. */
export const openapi = new Hono<AppEnv>().get('/', (c) => {
  cached ??= JSON.stringify(openApiDocument())
  return c.body(cached, 200, { 'Content-Type': 'application/json; charset=utf-8' })
})
