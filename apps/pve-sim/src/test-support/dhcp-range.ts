import { useDhcpOctet } from '../network/container-ip';

/**
 * Jest setup of the integration suites: simulators started in this test process hand out
 * 127.<10-69>.x.y, apart from the demo and end-to-end stacks (77) and the test launcher's
 * child simulators (100-249), so suites running beside them never bind one address twice.
 */
useDhcpOctet(10 + (process.pid % 60));
