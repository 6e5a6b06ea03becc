/** Host Group (FalconPy `HostGroup`, gofalcon `host_group`): groups, their members, adding and removing hosts. */
import type { FalconClient, FalconEnvelope } from '../transport';
import { call } from './call';
import { operations } from './operation';

const MEMBER_QUERY = { id: 'query', filter: 'query', limit: 'query', offset: 'query', sort: 'query' } as const;

export const hostGroup = operations('host_group', {
	queryCombinedHostGroups: {
		operationId: 'queryCombinedHostGroups',
		method: 'GET',
		path: '/devices/combined/host-groups/v1',
		params: { filter: 'query', limit: 'query', offset: 'query', sort: 'query' },
	},
	/**
	 * host_groups.RespV1: `action_name` add-hosts | remove-hosts in the query; msa.EntityActionRequestV2
	 * in the body, `ids` the group and `action_parameters` `[{name: 'filter', value: FQL}]` the hosts.
	 * Adding a member twice (or removing one twice) leaves the group as once: safe to resend.
	 */
	performGroupAction: {
		operationId: 'performGroupAction',
		method: 'POST',
		path: '/devices/entities/host-group-actions/v1',
		params: { action_name: 'query', disable_hostname_check: 'query', body: 'body' },
		idempotent: true,
	},
	/** msa.QueryResponse: member device IDs of a group. */
	queryGroupMembers: { operationId: 'queryGroupMembers', method: 'GET', path: '/devices/queries/host-group-members/v1', params: MEMBER_QUERY },
	/** host_groups.MembersRespV1: member device records of a group. */
	queryCombinedGroupMembers: {
		operationId: 'queryCombinedGroupMembers',
		method: 'GET',
		path: '/devices/combined/host-group-members/v1',
		params: MEMBER_QUERY,
	},
});

export type HostGroupAction = 'add-hosts' | 'remove-hosts';

/** Hosts per performGroupAction request (PSFalcon's Invoke-FalconHostGroupAction: the filter names 500 at most). */
export const GROUP_ACTION_HOSTS_PER_REQUEST = 500;
/** The largest page of the member queries (the spec's maximum). */
export const GROUP_MEMBERS_PAGE = 5000;

/** Host groups with their details, one page. */
export async function searchHostGroups(client: FalconClient, query: { filter?: string; sort?: string; limit?: number; offset?: number | string }) {
	return await call(client, hostGroup.queryCombinedHostGroups, { query });
}

/** The FQL filter that names hosts by device ID, as PSFalcon builds it: `(device_id:['a','b'])`. */
export function deviceIdFilter(deviceIds: string[]): string {
	return `(device_id:[${deviceIds.map((id) => `'${id}'`).join(',')}])`;
}

/** The action parameter naming the hosts a group action applies to. */
const FILTER_PARAMETER = 'filter';

/** msaspec.ActionParameter `{name: 'filter', value}`. */
function filterParameter(value: string): { name: string; value: string } {
	return { name: FILTER_PARAMETER, value };
}

/** Adds or removes hosts (at most GROUP_ACTION_HOSTS_PER_REQUEST) to or from one group. */
export async function performGroupAction(client: FalconClient, action: HostGroupAction, groupId: string, deviceIds: string[]): Promise<FalconEnvelope> {
	return await call(
		client,
		hostGroup.performGroupAction,
		{ query: { action_name: action }, body: { ids: [groupId], action_parameters: [filterParameter(deviceIdFilter(deviceIds))] } },
		{ acceptStatus: [400, 404] },
	);
}
