import type { ContainerImage } from '../state/sim-state';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML a running container serves on its http ports: the image's page plus who served it. */
export function renderContainerPage(image: ContainerImage, ct: { vmid: number; hostname: string; ip: string }, remote: string): string {
  const body = image.page.body
    .replace(/\{\{hostname\}\}/g, escapeHtml(ct.hostname))
    .replace(/\{\{ip\}\}/g, ct.ip)
    .replace(/\{\{remote\}\}/g, escapeHtml(remote));
  return `<!DOCTYPE html>
<html>
<head>
<title>${escapeHtml(image.page.title)}</title>
<meta name="generator" content="pve-sim ${escapeHtml(image.repository)}:${escapeHtml(image.tag)}">
</head>
<body>
${body}
<footer><small>Served by ${escapeHtml(ct.hostname)} (CT ${ct.vmid}, ${ct.ip}) - ${escapeHtml(image.repository)}:${escapeHtml(image.tag)}</small></footer>
</body>
</html>
`;
}
