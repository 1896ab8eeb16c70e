/** The UI entry: renders the panel into #app and connects it to the main thread. */
import { render } from 'preact'
import { App } from './app'
import { createBridge } from './bridge'

// Created before the first render so that a command sent as the iframe loads is not lost.
const handle = createBridge()
const root = document.getElementById('app')
if (root) render(<App handle={handle} />, root)
