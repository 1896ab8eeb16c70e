// Main thread entry: shows the UI, serves the endpoints, and reports selection changes and the launch command.
import { createServer } from '../shared/protocol/channel'
import { exportNode } from './endpoints/export-node'
import { getSelection } from './endpoints/get-selection'
import { loadPendingJobs } from './endpoints/load-pending-jobs'
import { loadSettings } from './endpoints/load-settings'
import { notify } from './endpoints/notify'
import { place } from './endpoints/place'
import { savePendingJobs } from './endpoints/save-pending-jobs'
import { saveSettings } from './endpoints/save-settings'
import { launchCommand } from './launch-command'
import { watchSelection } from './selection/watch-selection'
import { createUiTransport } from './ui-transport'
import { loadUiSizeAsync, resizeUiAsync } from './ui-size'

// The quick action's prompt is free text: there is nothing to suggest.
figma.parameters.on('input', ({ result }) => result.setSuggestions([]))

// `run` fires on every launch, once the quick action's parameters (if any) have been entered: the UI opens then,
// at the size the designer last gave it.
figma.on('run', async (event) => {
  const size = await loadUiSizeAsync()
  figma.showUI(__html__, { ...size, themeColors: true, title: 'Kling Frames' })
  const selection = watchSelection((state) => server.emit('selection', state))
  const server = createServer(createUiTransport(), {
    loadSettings,
    saveSettings,
    getSelection,
    exportNode,
    place: async (request) => {
      const result = await place(request)
      // A filled placeholder changes the selection's summary without a selectionchange event.
      selection.refresh()
      return result
    },
    loadPendingJobs,
    savePendingJobs,
    notify,
    resizeUi: resizeUiAsync,
  })
  const command = launchCommand(event)
  if (command) server.emit('command', command)
})
