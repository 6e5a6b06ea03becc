import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { readWanted } from '../../../../common/return-all';
import { requestFor } from '../../../api';
import { GROUP_MEMBERS_PAGE, hostGroup } from '../../../api/host-group';
import { filterProperty, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { readFilter, readSort } from '../../../shared/query-input';
import { collectByOffset, falconClient } from '../../../transport';
import { HOST_FQL_FIELDS, simplifyHost } from '../hostRecords';
import { hostGroupProperty, readHostGroupId } from './hostGroupInput';

const show = { resource: ['hostGroup'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	hostGroupProperty({ show }),
	...returnAllOrLimit({ show }),
	{ ...filterProperty({ show }, HOST_FQL_FIELDS), placeholder: "platform_name:'Windows'" },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Sort', name: 'sort', type: 'string', default: '', placeholder: 'hostname.asc', description: 'A field and a direction' }],
	},
	simplifyProperty({ show }),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => ({
			id: readHostGroupId(this, index),
			wanted: readWanted(this, index),
			filter: readFilter(this, index),
			sort: readSort(this, index, this.getNodeParameter('options', index, {}) as IDataObject),
			simplify: this.getNodeParameter('simplify', index, true) as boolean,
		}),
		run: async ({ id, wanted, filter, sort, simplify }) => {
			// host_groups.MembersRespV1: the member device records, paged by offset.
			const request = requestFor(hostGroup.queryCombinedGroupMembers, { query: { id, filter, sort } });
			const { resources } = await collectByOffset<IDataObject>(client, request, wanted, GROUP_MEMBERS_PAGE);
			return results(simplify ? resources.map(simplifyHost) : resources);
		},
	});
}
