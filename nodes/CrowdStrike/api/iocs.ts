/** IOCs, the legacy collection (FalconPy `Iocs`, gofalcon `iocs`): sightings by type and value, and process details. */
import { call } from './call';
import { operations } from './operation';
import type { FalconClient } from '../transport';

const PAGING = { limit: 'query', offset: 'query' } as const;

export const iocs = operations('iocs', {
	devicesCount: { operationId: 'DevicesCount', method: 'GET', path: '/indicators/aggregates/devices-count/v1', params: { type: 'query', value: 'query' } },
	devicesRanOn: { operationId: 'DevicesRanOn', method: 'GET', path: '/indicators/queries/devices/v1', params: { type: 'query', value: 'query', ...PAGING } },
	processesRanOn: {
		operationId: 'ProcessesRanOn',
		method: 'GET',
		path: '/indicators/queries/processes/v1',
		params: { type: 'query', value: 'query', device_id: 'query', ...PAGING },
	},
	processes: { operationId: 'entities.processes', method: 'GET', path: '/processes/entities/processes/v1', params: { ids: 'query' } },
});

/** Process details by `pid:<device id>:<number>` IDs (the same for IOC Management and the legacy API). */
export async function getProcesses(client: FalconClient, ids: string[]) {
	return await call(client, iocs.processes, { query: { ids } }, { acceptStatus: [404] });
}
