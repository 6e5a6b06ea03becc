import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { HostEntry } from '../../sandbox/falcon/hosts';
import { runFalcon, type NodeRun } from '../falcon/fixture';

export const HOST = 'crowdStrikeFalconHost';

export const runHost = async (sandbox: Sandbox, parameters: INodeParameters, options: NodeRun = {}) => await runFalcon(sandbox, HOST, parameters, options);

/** Visible Windows hosts in the normal (uncontained) state, in fleet order. */
export function quietHosts(sandbox: Sandbox): HostEntry[] {
	return sandbox.state.hosts.all().filter((entry) => !entry.hidden && entry.device.platform_name === 'Windows' && sandbox.state.hosts.statusOf(entry) === 'normal');
}

export const idsOf = (entries: HostEntry[]): string[] => entries.map((entry) => entry.device.device_id);
