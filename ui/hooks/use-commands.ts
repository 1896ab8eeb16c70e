import { useEffect, useState } from 'preact/hooks'
import type { Command, NodeSummary, SelectionState } from '../../shared/protocol/messages'
import type { AppServices } from '../app-context'
import type { BridgeHandle } from '../bridge'
import { bytesToBase64 } from '../images/base64'
import { compactReference } from '../images/compact-reference'
import { commandRoute, commandRuns, planQuickGenerate, planRegenerate, planVariations } from '../requests/commands'
import type { Forms } from './use-forms'
import { exportNodeImage } from '../images/export-node-image'

/**
 * Menu commands and relaunch buttons: open the right view with the prompt filled in at once; "regenerate",
 * "variations" and the "Generate into selection" quick action with a typed prompt also start their jobs as soon
 * as the backend's capabilities and the selection are known. Relaunch buttons on several placed frames run for
 * each, with its own prompt.
 */
export function useCommands(handle: BridgeHandle, services: AppServices, forms: Forms): void {
  const [actions, setActions] = useState<Command[]>([])
  const { capabilities, selection, runner, navigate, bridge } = services

  useEffect(() => {
    const receive = (command: Command) => {
      navigate(commandRoute(command))
      if (command.prompt !== undefined) prefill(forms, command)
      if (commandRuns(command)) setActions((a) => [...a, command])
    }
    const stop = handle.client.on('command', receive)
    handle.takeEarlyCommands().forEach(receive)
    return stop
    // `forms` setters and `navigate` are stable.
  }, [handle])

  useEffect(() => {
    if (actions.length === 0) return
    if (capabilities.status === 'error' || (capabilities.status === 'idle' && services.settings && !services.api)) {
      setActions([])
      navigate(['settings', { reason: 'Connect to a backend to run this command.' }])
      return
    }
    const caps = capabilities.caps
    if (!caps || capabilities.status !== 'ready' || !selection) return
    setActions([])
    for (const command of actions) {
      if (command.name === 'generate') {
        planQuickGenerate(command.prompt ?? '', selection, caps).forEach((spec) => runner.submit(spec))
        continue
      }
      for (const target of command.targets ?? [{ nodeId: command.nodeId, prompt: command.prompt ?? '' }]) runOn(command.name, target)
    }
    function runOn(name: Command['name'], target: { nodeId?: string; prompt: string }) {
      const node = findNode(selection!, target.nodeId)
      const prompt = target.prompt
      if (!node || !caps || !prompt.trim()) return
      if (name === 'regenerate') planRegenerate(prompt, node, caps).forEach((spec) => runner.submit(spec))
      else {
        exportNodeImage(bridge, node.id)
          .then(compactReference)
          .then((image) => bytesToBase64(image.bytes))
          .catch(() => null)
          .then((base64) => {
            const spec = planVariations(prompt, node, caps, base64)
            if (spec) runner.submit(spec)
          })
      }
    }
  }, [actions, capabilities, selection, runner, bridge, navigate, services.settings, services.api])
}

function prefill(forms: Forms, command: Command): void {
  const prompt = command.prompt ?? ''
  if (command.name === 'expand') forms.setExpandPrompt(prompt)
  else if (command.name === 'fill') forms.setFillPrompt(prompt)
  else forms.setGenerate((form) => ({ ...form, prompt }))
}

/** The node a relaunch button was pressed on: it is selected, so the selection describes it. */
function findNode(selection: SelectionState, id: string | undefined): NodeSummary | null {
  if (!id) return selection.nodes[0] ?? null
  return (
    selection.nodes.find((n) => n.id === id) ??
    selection.placeholders.find((n) => n.id === id) ??
    (selection.reference?.id === id ? selection.reference : null) ?? {
      id,
      name: 'Layer',
      type: 'FRAME',
      width: 1,
      height: 1,
      hasImage: true,
    }
  )
}
