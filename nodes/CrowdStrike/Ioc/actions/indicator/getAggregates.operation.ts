import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { validateField } from '../../../../common/validation';
import { aggregateBody, aggregateProperties, type AggregateParameters } from '../../../shared/aggregate';
import { filterProperty } from '../../../shared/descriptions';
import { fqlSchema } from '../../../shared/schemas';
import { falconClient } from '../../../transport';
import { INDICATOR_FQL_FIELDS } from './getMany.operation';

const show = { resource: ['indicator'], operation: ['getAggregates'] };

export const description: INodeProperties[] = [
	...aggregateProperties({ show }, 'type, action, severity, source, tags, created_on'),
	filterProperty({ show }, INDICATOR_FQL_FIELDS),
	{
		displayName: 'From Parent',
		name: 'fromParent',
		type: 'boolean',
		default: false,
		description: "Whether to aggregate the MSSP parent's indicators",
		displayOptions: { show },
	},
];

export function readAggregate(ctx: IExecuteFunctions, index: number): IDataObject[] {
	const read = (name: string, fallback: unknown) => ctx.getNodeParameter(name, index, fallback);
	const aggregateMode = read('aggregateMode', 'fields') as string;
	const params: AggregateParameters =
		aggregateMode === 'json'
			? { aggregateMode, aggregateJson: read('aggregateJson', '') }
			: {
					aggregateMode,
					aggregationType: read('aggregationType', 'terms') as string,
					field: read('field', '') as string,
					interval: read('interval', 'day') as string,
					aggregateOptions: read('aggregateOptions', {}) as IDataObject,
				};
	return aggregateBody(ctx.getNode(), params, index);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => ({
			body: readAggregate(this, index),
			filter: validateField(node, fqlSchema, this.getNodeParameter('filter', index, ''), index, 'Filter'),
			fromParent: this.getNodeParameter('fromParent', index, false) as boolean,
		}),
		run: async ({ body, filter, fromParent }) => {
			const answer = await client.request({
				method: 'POST',
				path: '/iocs/aggregates/indicators/v1',
				qs: { ...(filter ? { filter } : {}), ...(fromParent ? { from_parent: true } : {}) },
				body,
				idempotent: true,
			});
			return results(answer.resources ?? []);
		},
	});
}
