/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * figma.clientStorage over a string key/value store (localStorage in the page, a Map in Node). Values are JSON
 * with Uint8Array encoded, every read is a fresh copy, and the 5 MB quota (Update 109) is enforced.
 */
import { base64Decode, base64Encode } from './codecs/base64'

export interface StringStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export const CLIENT_STORAGE_QUOTA_BYTES = 5 * 1024 * 1024
const PREFIX = 'figma.clientStorage/'
/** The string store cannot list keys, so we keep our own index. */
const INDEX_KEY = 'figma.clientStorage#keys'
const BYTES_TAG = '$uint8array'

export function createMemoryStorage(): StringStorage {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  }
}

export function createClientStorage(storage: StringStorage): ClientStorageAPI {
  const keys = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(INDEX_KEY) ?? '[]')
      return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : []
    } catch {
      return []
    }
  }
  const writeKeys = (list: string[]) => storage.setItem(INDEX_KEY, JSON.stringify(list))
  const usedBytes = (except: string) =>
    keys()
      .filter((k) => k !== except)
      .reduce((n, k) => n + k.length + (storage.getItem(PREFIX + k)?.length ?? 0), 0)

  return {
    async getAsync(key: string) {
      expectKey(key, 'getAsync')
      const raw = storage.getItem(PREFIX + key)
      return raw === null ? undefined : JSON.parse(raw, revive)
    },
    async setAsync(key: string, value: unknown) {
      expectKey(key, 'setAsync')
      if (value === undefined) return this.deleteAsync(key)
      const raw = JSON.stringify(value, replace)
      if (raw === undefined) throw new Error(`in setAsync: the value for "${key}" cannot be stored`)
      if (usedBytes(key) + key.length + raw.length > CLIENT_STORAGE_QUOTA_BYTES) {
        throw new Error(`in setAsync: client storage is full (${CLIENT_STORAGE_QUOTA_BYTES / 1024 / 1024} MB per plugin)`)
      }
      storage.setItem(PREFIX + key, raw)
      const list = keys()
      if (!list.includes(key)) writeKeys([...list, key])
    },
    async deleteAsync(key: string) {
      expectKey(key, 'deleteAsync')
      storage.removeItem(PREFIX + key)
      writeKeys(keys().filter((k) => k !== key))
    },
    async keysAsync() {
      return keys()
    },
  }
}

function expectKey(key: unknown, method: string): asserts key is string {
  if (typeof key !== 'string') throw new Error(`in ${method}: Expected "key" to be a string`)
}

function replace(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array || Object.prototype.toString.call(value) === '[object Uint8Array]') {
    return { [BYTES_TAG]: base64Encode(value as Uint8Array) }
  }
  return value
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && BYTES_TAG in value && Object.keys(value).length === 1) {
    return base64Decode(String((value as Record<string, unknown>)[BYTES_TAG]))
  }
  return value
}
