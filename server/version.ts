import pkg from '../package.json'

/** The release, as `package.json` names it; `/v1/health` reports it. */
export const VERSION: string = pkg.version
