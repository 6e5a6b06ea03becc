/** Host Group (FalconPy `HostGroup`, gofalcon `host_group`). */
import type { FalconClient } from '../transport';
import { call } from './call';
import { operations } from './operation';

export const hostGroup = operations('host_group', {
	queryCombinedHostGroups: {
		operationId: 'queryCombinedHostGroups',
		method: 'GET',
		path: '/devices/combined/host-groups/v1',
		params: { filter: 'query', limit: 'query', offset: 'query', sort: 'query' },
	},
});

/** Host groups with their details, one page. */
export async function searchHostGroups(client: FalconClient, query: { filter?: string; sort?: string; limit?: number; offset?: number | string }) {
	return await call(client, hostGroup.queryCombinedHostGroups, { query });
}
