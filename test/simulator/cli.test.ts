import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { signKlingJwt } from './fixtures/sign-kling-jwt'

describe('npm run sim (cli.ts)', () => {
  it('prints its URL, takes its keys from the environment, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'test/simulator/cli.ts', '--port', '0', '--delay', '10', '--quiet'], {
      env: { ...process.env, KLING_ACCESS_KEY: 'env-ak', KLING_SECRET_KEY: 'env-sk' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      let output = ''
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output)
          if (match) resolve(match[1])
        })
        child.once('exit', (code) => reject(new Error(`exited early (${code}): ${output}`)))
      })
      const list = (token: string) => fetch(`${url}/v1/images/generations`, { headers: { Authorization: `Bearer ${token}` } })
      expect((await list(signKlingJwt({ accessKey: 'env-ak', secretKey: 'env-sk' }))).status).toBe(200)
      expect((await list(signKlingJwt())).status).toBe(401)
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 20_000)
})
