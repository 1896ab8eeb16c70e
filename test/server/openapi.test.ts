import { describe, expect, it } from 'vitest'
import { call } from './helpers'

describe('GET /v1/openapi.json', () => {
  it('describes every route, its parameters, statuses and the error envelope, from the shared schemas', async () => {
    const reply = await call('/v1/openapi.json', { as: null })
    expect(reply.status).toBe(200)
    const doc = reply.body
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/callbacks/{provider}/{token}',
      '/v1/capabilities',
      '/v1/changes',
      '/v1/health',
      '/v1/inputs/{token}',
      '/v1/jobs',
      '/v1/jobs/{id}',
      '/v1/jobs/{id}/images/{index}',
      '/v1/openapi.json',
    ])
    const create = doc.paths['/v1/jobs'].post
    expect(Object.keys(create.responses).sort()).toEqual(['200', '202', '400', '401', '402', '404', '413', '422', '429', '500', '502', '503'])
    expect(create.parameters[0].name).toBe('Idempotency-Key')
    expect(doc.components.schemas.CreateJobRequest.additionalProperties).toBe(false)
    expect(doc.components.schemas.CreateJobRequest.required).toEqual(['operation'])
    expect(doc.components.schemas.ErrorBody.properties.error.required).toEqual(['code', 'message'])
    expect(doc.paths['/v1/jobs/{id}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'wait'])
    expect(doc.paths['/v1/jobs'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor'])
  })
})
