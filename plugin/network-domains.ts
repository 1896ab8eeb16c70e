// Main thread: the domains this build's manifest lets the plugin reach (networkAccess, development ones included).

/** Set by scripts/build.ts from the manifest it writes. */
declare const __NETWORK_DOMAINS__: readonly string[]

export const NETWORK_DOMAINS: readonly string[] = typeof __NETWORK_DOMAINS__ === 'undefined' ? [] : __NETWORK_DOMAINS__
