// Main thread: what the UI should do first, from how the plugin was launched.
import type { Command, CommandName } from '../shared/protocol/messages'

const COMMANDS: readonly CommandName[] = ['open', 'generate', 'expand', 'fill', 'regenerate', 'variations']

/**
 * The `command` event for a launch: a menu item, the "Generate into selection" quick action (its `prompt`
 * parameter), or a relaunch button (the prompt stored on the first selected node Kling Frames placed, and with
 * `multipleSelection`, every such selected node with its own prompt as `targets`).
 * Null for launches that ask nothing in particular.
 */
export function launchCommand({ command, parameters }: RunEvent): Command | null {
  const name = COMMANDS.find((known) => known === command)
  if (!name) return null
  if (name === 'regenerate' || name === 'variations') {
    const placed = figma.currentPage.selection.filter((n) => n.getPluginData('jobId') !== '')
    const node = placed[0]
    if (!node) return { name }
    const prompt = node.getPluginData('prompt')
    const first: Command = prompt ? { name, prompt, nodeId: node.id } : { name, nodeId: node.id }
    if (placed.length === 1) return first
    return { ...first, targets: placed.map((n) => ({ nodeId: n.id, prompt: n.getPluginData('prompt') })) }
  }
  const prompt = typeof parameters?.prompt === 'string' ? parameters.prompt.trim() : ''
  return prompt ? { name, prompt } : { name }
}
