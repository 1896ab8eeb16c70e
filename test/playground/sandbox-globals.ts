/**
 * What Figma's main-thread sandbox has and lacks. The plugin's main code runs in a bare JavaScript realm: the
 * language's built-ins, `figma`, `__html__`/`__uiFiles__`, `console`, timers and Figma's own `fetch`. Browser and
 * Node APIs that plugin code often reaches for by habit are missing, and using one throws only in real Figma.
 * The build test checks dist/code.js against this list; the playground and the Node harness run the main code
 * with these names hidden.
 */

/** Globals Figma's main thread provides on top of the language. */
export const SANDBOX_GLOBALS = [
  'figma', '__html__', '__uiFiles__', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'fetch',
] as const

/** ECMAScript built-ins (ES2017 and the few later ones esbuild may leave in), present in every realm. */
export const LANGUAGE_GLOBALS = [
  'Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined', 'Boolean', 'String',
  'Symbol', 'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError',
  'SyntaxError', 'TypeError', 'URIError', 'globalThis', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'SharedArrayBuffer',
  'Atomics', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array',
  'Float64Array', 'Uint8ClampedArray', 'BigUint64Array', 'BigInt64Array', 'DataView', 'Map', 'BigInt', 'Set', 'WeakMap',
  'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Proxy', 'Reflect', 'decodeURI', 'decodeURIComponent', 'encodeURI',
  'encodeURIComponent', 'escape', 'unescape', 'eval', 'isFinite', 'isNaN', 'arguments',
] as const

/** Browser and Node globals the sandbox lacks; hidden from the main code in the playground and in Node tests. */
export const MISSING_GLOBALS = [
  'window', 'self', 'document', 'parent', 'top', 'frames', 'opener', 'location', 'navigator', 'localStorage',
  'sessionStorage', 'indexedDB', 'caches', 'XMLHttpRequest', 'WebSocket', 'Worker', 'requestAnimationFrame',
  'alert', 'confirm', 'prompt', 'atob', 'btoa', 'Image', 'HTMLCanvasElement', 'OffscreenCanvas', 'createImageBitmap',
  'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'structuredClone', 'crypto', 'performance',
  'queueMicrotask', 'AbortController', 'AbortSignal', 'Blob', 'File', 'FileReader', 'FormData', 'Headers', 'Request',
  'Response', 'Event', 'EventTarget', 'MessageChannel', 'BroadcastChannel', 'setImmediate', 'process', 'Buffer',
  'require', 'global',
] as const
