// Main thread: what the UI should do first, from how the plugin was launched.
import type { Command, CommandName } from '../shared/protocol/messages'

const COMMANDS: readonly CommandName[] = ['open', 'generate', 'expand', 'fill', 'regenerate', 'variations']

/**
 * The `command` event for a launch: a menu item, the "Generate into selection" quick action (its `prompt`
 * parameter), or a relaunch button (the prompt stored on the first selected node Kling Frames placed).
 * Null for launches that ask nothing in particular.
 */
export function launchCommand({ command, parameters }: RunEvent): Command | null {
  const name = COMMANDS.find((known) => known === command)
  if (!name) return null
  if (name === 'regenerate' || name === 'variations') {
    const node = figma.currentPage.selection.find((n) => n.getPluginData('jobId') !== '')
    if (!node) return { name }
    const prompt = node.getPluginData('prompt')
    return prompt ? { name, prompt, nodeId: node.id } : { name, nodeId: node.id }
  }
  const prompt = typeof parameters?.prompt === 'string' ? parameters.prompt.trim() : ''
  return prompt ? { name, prompt } : { name }
}
