import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { results, runPerItem } from '../../../../common/items';
import { invalidField, validateField } from '../../../../common/validation';
import { iocTypeSchema } from '../../../shared/ioc-types';
import { unixMsSchema } from '../../../shared/values';
import { orionClient } from '../../../transport';
import { callOrion, orion } from '../../../api';
import { readableRecord } from './batches';
import { iocTypeProperty } from './fields';

const show = { resource: ['ioc'], operation: ['getManyByDate'] };

export const description: INodeProperties[] = [
	iocTypeProperty(show),
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start of the interval in which the IOCs were imported (a date, or Unix milliseconds in an expression)',
		displayOptions: { show },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'End of the interval. Empty: now.',
		displayOptions: { show },
	},
	{
		displayName: 'Include Deleted',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description: 'Whether to also list IOCs that belong to a deletion rule',
		displayOptions: { show },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

/** A whole number of at least 1: 0, a fraction or text would silently cut or empty the list. */
const limitSchema = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
	z.number({ invalid_type_error: 'must be a whole number of at least 1' }).int('must be a whole number').min(1, 'must be at least 1'),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = orionClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const type = validateField(node, iocTypeSchema, this.getNodeParameter('iocType', index), index, 'IOC Type');
			const from = validateField(node, unixMsSchema, this.getNodeParameter('from', index), index, 'From');
			const rawTo = this.getNodeParameter('to', index, '');
			const to = rawTo === '' || rawTo === null || rawTo === undefined ? Date.now() : validateField(node, unixMsSchema, rawTo, index, 'To');
			if (from > to) invalidField(node, index, 'From', `${new Date(from).toISOString()} is after To (${new Date(to).toISOString()})`);
			const returnAll = this.getNodeParameter('returnAll', index, false) === true;
			return {
				type,
				qs: { from, to, includeDeleted: this.getNodeParameter('includeDeleted', index, false) === true },
				limit: returnAll ? Infinity : validateField(node, limitSchema, this.getNodeParameter('limit', index, 50), index, 'Limit'),
			};
		},
		run: async ({ type, qs, limit }) => {
			const answer = await callOrion(client, orion.getIocsByDate, { path: { iocType: type }, query: qs });
			const records = Array.isArray(answer) ? (answer as IDataObject[]) : [];
			return results(records.slice(0, limit).map(readableRecord));
		},
	});
}
