import { classifyPveError, isTlsErrorCode } from './classify-pve-error';
import { PveTaskError, PveTaskTimeoutError } from './pve-task.errors';

/** One or two sentences a person understands: what happened and what to do next. */
export function toUserMessage(err: unknown): string {
  if (err instanceof PveTaskTimeoutError) {
    return `The Proxmox task ${err.taskType} did not finish within ${Math.round(err.timeoutMs / 1000)} s. It may still be running; check the task list in Proxmox.`;
  }
  if (err instanceof PveTaskError) {
    const locked = err.kind === 'locked' ? ' The container is busy with another operation; try again when it finishes.' : '';
    return `The Proxmox task ${err.taskType} failed: ${sentence(err.exitstatus)}${locked}`;
  }
  // Not only `instanceof Error`: errors from Node core may come from another realm.
  if (typeof err !== 'object' || err === null) return 'Something went wrong talking to Proxmox.';
  const e = classifyPveError(err);
  const where = e.origin ? `Proxmox at ${e.origin}` : 'Proxmox';
  switch (e.kind) {
    case 'unreachable':
      if (isTlsErrorCode(e.code)) {
        return `${where} presented a TLS certificate that is not trusted (${e.code}). Install a trusted certificate, add the cluster CA, or turn off TLS verification for this connection.`;
      }
      if (e.code === 'ETIMEDOUT') return `${where} did not answer in time. Check the URL, the network and the host's load.`;
      if (e.status) return `${where} answered ${e.status} (${clean(e.pveMessage)}). It may be restarting; try again shortly.`;
      return `${where} is unreachable (${e.code ?? clean(e.pveMessage)}). Check the URL and that the host is up.`;
    case 'auth':
      return `${where} rejected the credentials (${clean(e.pveMessage)}). Check the API token id and secret, or the username and password.`;
    case 'permission':
      return `The Proxmox user or API token lacks a permission: ${sentence(e.pveMessage)} Grant it in Datacenter > Permissions.`;
    case 'invalid': {
      const fields = e.fieldErrors
        ? Object.entries(e.fieldErrors)
            .map(([k, v]) => `${k}: ${clean(v)}`)
            .join('; ')
        : clean(e.pveMessage);
      return `Proxmox rejected the request (${fields}).`;
    }
    case 'not-found':
      return `Proxmox could not find it: ${sentence(e.pveMessage)}`;
    case 'conflict':
      return `Proxmox refused because of the current state: ${sentence(e.pveMessage)}`;
    case 'locked':
      return `The container is busy (${clean(e.pveMessage)}). Try again when the current operation finishes.`;
    case 'server':
      return `Proxmox reported an error: ${sentence(e.pveMessage)}`;
  }
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sentence(text: string): string {
  const t = clean(text);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
