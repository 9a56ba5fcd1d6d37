export interface NodeDto {
  name: string;
  status: 'online' | 'offline' | 'unknown';
  cpu: number;
  memory: { used: number; total: number };
  disk: { used: number; total: number };
  uptime: number;
  apps: number;
}
