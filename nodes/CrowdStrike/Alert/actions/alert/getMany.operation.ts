import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { readWanted } from '../../../../common/return-all';
import { requestFor } from '../../../api';
import { ALERT_PAGE, alerts } from '../../../api/alerts';
import { ALERT_FQL_FIELDS } from '../../../shared/alerts';
import { filterProperty, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { andFql } from '../../../shared/fql';
import { readFilter, readSort } from '../../../shared/query-input';
import { collectByCursor, falconClient } from '../../../transport';
import { alertFiltersFql, alertFiltersProperty, simplifyAlert } from './fields';

const show = { resource: ['alert'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{ ...filterProperty({ show }, ALERT_FQL_FIELDS), placeholder: "status:'new'+product:'epp'" },
	alertFiltersProperty({ show }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'created_timestamp|desc',
				description: 'A field and a direction; by default the newest first (created_timestamp|desc). Return All is steadiest on fields that do not change (created_timestamp, composite_id).',
			},
		],
	},
	simplifyProperty({ show }),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => ({
			wanted: readWanted(this, index),
			filter: andFql(readFilter(this, index), ...alertFiltersFql(node, index, this.getNodeParameter('filters', index, {}) as IDataObject)),
			sort: readSort(this, index, this.getNodeParameter('options', index, {}) as IDataObject),
			simplify: this.getNodeParameter('simplify', index, true) as boolean,
		}),
		run: async ({ wanted, filter, sort, simplify }) => {
			// PostCombinedAlertsV1: whole alerts, filter, sort, limit and the `after` cursor in the body.
			const body: IDataObject = { ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) };
			const { resources } = await collectByCursor<IDataObject>(client, requestFor(alerts.combined, { body }), wanted, ALERT_PAGE, { where: 'body' });
			return results(simplify ? resources.map(simplifyAlert) : resources);
		},
	});
}
