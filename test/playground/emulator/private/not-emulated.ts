/**
 * Strictness helpers: a member Figma has but the emulator does not throws `Error('not emulated: <name>')`, so a
 * plugin test fails loudly instead of reading `undefined`.
 */
export function notEmulated(name: string): never {
  throw new Error(`not emulated: ${name}`)
}

/** Keys that test runners, pretty-printers and `await` probe on any object; they read as undefined. */
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'nodeName', '$$typeof', 'constructor', 'inspect', 'length'])

export function isProbe(key: string | symbol): boolean {
  return typeof key === 'symbol' || PROBED.has(key) || key.startsWith('@@') || key.startsWith('_')
}

/**
 * Wraps an API namespace (figma, figma.ui, figma.viewport...) so reading a member it lacks throws. `isAlive`
 * lets a plugin session refuse all use once it has been replaced by a reopened one.
 */
export function strictObject<T extends object>(name: string, target: T, isAlive: () => boolean = () => true): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (!isAlive() && typeof key === 'string') {
        throw new Error(`${name}.${key}: this plugin run has ended (the plugin was closed and opened again); its code can no longer use the API`)
      }
      if (key in obj) return Reflect.get(obj, key, receiver)
      if (isProbe(key)) return undefined
      return notEmulated(`${name}.${String(key)}`)
    },
    set(obj, key, value, receiver) {
      if (!isAlive()) throw new Error(`${name}: this plugin run has ended`)
      if (!(key in obj)) return notEmulated(`${name}.${String(key)}`)
      const descriptor = findDescriptor(obj, key)
      if (descriptor && !descriptor.set && !descriptor.writable) {
        throw new TypeError(`Cannot assign to read only property '${String(key)}' of object '${name}'`)
      }
      return Reflect.set(obj, key, value, receiver)
    },
  })
}

export function findDescriptor(obj: object, key: string | symbol): PropertyDescriptor | undefined {
  for (let o: object | null = obj; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key)
    if (d) return d
  }
  return undefined
}
