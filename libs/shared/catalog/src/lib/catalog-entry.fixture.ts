/**
 * A valid entry as plain data (what YAML parsing yields), for specs to mutate one field at a time.
 * Not exported from the library's index.
 */
export function uptimeKumaEntryData(): Record<string, unknown> {
  return {
    id: 'uptime-kuma',
    name: 'Uptime Kuma',
    description: 'Self-hosted monitoring tool with status pages and notifications.',
    category: 'monitoring',
    icon: 'uptime-kuma.svg',
    website: 'https://github.com/louislam/uptime-kuma',
    runtime: 'oci',
    image: 'docker.io/louislam/uptime-kuma:1.23.16',
    updates: { track: '^1\\.23\\.\\d+$' },
    ports: [{ port: 3001, protocol: 'http', primary: true }],
    volumes: [{ name: 'data', path: '/app/data', sizeGb: 2 }],
    env: { TZ: '{{input.timezone}}' },
    inputs: [{ key: 'timezone', label: 'Time zone', type: 'string', default: 'UTC', pattern: '^[A-Za-z_/+-]+$' }],
    secrets: [{ key: 'admin_password', length: 24 }],
    resources: {
      min: { cores: 1, memoryMb: 256, diskGb: 2 },
      default: { cores: 1, memoryMb: 512, diskGb: 4 },
    },
    healthcheck: { path: '/', expect: [200, 302], timeoutSec: 120 },
  };
}

export const UPTIME_KUMA_YAML = `
id: uptime-kuma
name: Uptime Kuma
description: Self-hosted monitoring tool with status pages and notifications.
category: monitoring
icon: uptime-kuma.svg
website: https://github.com/louislam/uptime-kuma
runtime: oci
image: docker.io/louislam/uptime-kuma:1.23.16
updates:
  track: "^1\\\\.23\\\\.\\\\d+$"
ports:
  - { port: 3001, protocol: http, primary: true }
volumes:
  - { name: data, path: /app/data, sizeGb: 2 }
env:
  TZ: "{{input.timezone}}"
inputs:
  - { key: timezone, label: Time zone, type: string, default: UTC, pattern: "^[A-Za-z_/+-]+$" }
secrets:
  - { key: admin_password, length: 24 }
resources:
  min: { cores: 1, memoryMb: 256, diskGb: 2 }
  default: { cores: 1, memoryMb: 512, diskGb: 4 }
healthcheck: { path: /, expect: [200, 302], timeoutSec: 120 }
`;
