// Endpoint `notify`: a Figma toast on the UI's behalf.
import { notifyUser } from '../notify-user'

export function notify({ message, error }: { message: string; error?: boolean }): void {
  notifyUser(String(message), error === true)
}
