import { pathNeedingWorkingDir } from './working-dir';

const image = (Entrypoint: string[], Cmd: string[], WorkingDir = '/app') => ({ Entrypoint, Cmd, WorkingDir });

describe('pathNeedingWorkingDir', () => {
  it('finds relative paths, scripts handed to an interpreter and package runners', () => {
    expect(pathNeedingWorkingDir(image(['./memos'], []))).toBe('./memos');
    expect(pathNeedingWorkingDir(image(['/usr/bin/dumb-init', '--', 'extra/entrypoint.sh'], ['node', 'server/server.js']))).toBe('extra/entrypoint.sh');
    expect(pathNeedingWorkingDir(image(['/usr/bin/tini', '-g', '--'], ['node', 'app.js']))).toBe('app.js');
    expect(pathNeedingWorkingDir(image(['docker-entrypoint.sh'], ['node', 'server']))).toBe('server');
    expect(pathNeedingWorkingDir(image(['/sbin/tini', '--'], ['pnpm', 'start']))).toBe('pnpm');
  });

  it('lets PATH find program names in program positions, and ignores options, absolute paths and images run from /', () => {
    expect(pathNeedingWorkingDir(image(['docker-entrypoint.sh'], ['redis-server'], '/data'))).toBeUndefined();
    expect(pathNeedingWorkingDir(image(['/docker-entrypoint.sh'], ['catalina.sh', 'run'], '/usr/local/tomcat'))).toBeUndefined();
    expect(pathNeedingWorkingDir(image(['/bin/prometheus'], ['--config.file=/etc/prometheus/prometheus.yml'], '/prometheus'))).toBeUndefined();
    expect(pathNeedingWorkingDir(image(['/usr/bin/entrypoint.sh', '--bind-addr', '0.0.0.0:8080', '.'], [], '/home/coder'))).toBeUndefined();
    expect(pathNeedingWorkingDir(image(['tini', '--'], ['node', 'index.js'], '/'))).toBeUndefined();
  });
});
