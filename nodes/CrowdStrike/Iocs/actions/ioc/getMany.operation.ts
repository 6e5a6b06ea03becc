import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { requestFor } from '../../../api';
import { ioc } from '../../../api/ioc';
import { z } from 'zod';

import { results, runPerItem } from '../../../../common/items';
import { validateField, validateList } from '../../../../common/validation';
import { iocTypeOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { IOC_TYPES, expirationSchema, fqlQuote } from '../../../shared/schemas';
import { LIST_FORMATS, listOf, separatedBy, text } from '../../../../common/values';
import { collectByCursor, falconClient } from '../../../transport';
import { POLICY_TO_ACTION } from './legacy';
import { readWanted } from '../../../../common/return-all';

const show = { resource: ['ioc'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Created By', name: 'created_by', type: 'string', default: '' },
			{ displayName: 'Deleted By', name: 'deleted_by', type: 'string', default: '', description: 'The user or API client who deleted the IOC' },
			{ displayName: 'Expiration From', name: 'from.expiration_timestamp', type: 'dateTime', default: '', description: 'IOCs expiring at or after this time' },
			{ displayName: 'Expiration To', name: 'to.expiration_timestamp', type: 'dateTime', default: '', description: 'IOCs expiring at or before this time' },
			{ displayName: 'Include Deleted', name: 'include_deleted', type: 'boolean', default: false },
			{
				displayName: 'Policies',
				name: 'policies',
				type: 'multiOptions',
				options: [
					{ name: 'Detect', value: 'detect' },
					{ name: 'None', value: 'none' },
				],
				default: [],
			},
			{ displayName: 'Share Levels', name: 'share_levels', type: 'multiOptions', options: [{ name: 'Red', value: 'red' }], default: [] },
			{ displayName: 'Sources', name: 'sources', type: 'string', typeOptions: { rows: 2 }, default: '', description: `Sources ${separatedBy(LIST_FORMATS.phrases)}` },
			{ displayName: 'Types', name: 'types', type: 'multiOptions', options: iocTypeOptions, default: [] },
			{ displayName: 'Values', name: 'values', type: 'string', typeOptions: { rows: 2 }, default: '', description: `Values ${separatedBy(LIST_FORMATS.tokens)}` },
		],
	},
];

const typeSchema = z.enum(IOC_TYPES, { errorMap: () => ({ message: `must be among ${IOC_TYPES.join(', ')}` }) });
const policySchema = z.enum(['detect', 'none'], { errorMap: () => ({ message: 'must be detect or none' }) });

const anyOf = (field: string, values: string[]) => `${field}:[${values.map(fqlQuote).join(',')}]`;

/** The legacy QueryIOCs filters as one FQL filter for IOC Management. */
export function legacyFilter(ctx: IExecuteFunctions, index: number, filters: IDataObject): string {
	const node = ctx.getNode();
	const check = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, field: string) => validateField(node, schema, value, index, field);
	const parts: string[] = [];
	const types = listOf(filters.types).map((type) => check(typeSchema, type, 'Types'));
	if (types.length) parts.push(anyOf('type', types));
	const values = validateList(node, text(200), filters.values, index, 'Values', LIST_FORMATS.tokens).map((value) => value.toLowerCase());
	if (values.length) parts.push(anyOf('value', values));
	const policies = listOf(filters.policies).map((policy) => POLICY_TO_ACTION[check(policySchema, policy, 'Policies')]);
	if (policies.length) parts.push(anyOf('action', policies));
	const sources = validateList(node, text(200), filters.sources, index, 'Sources', LIST_FORMATS.phrases);
	if (sources.length) parts.push(anyOf('source', sources));
	if (filters['from.expiration_timestamp']) parts.push(`expiration:>=${fqlQuote(check(expirationSchema, filters['from.expiration_timestamp'], 'Expiration From'))}`);
	if (filters['to.expiration_timestamp']) parts.push(`expiration:<=${fqlQuote(check(expirationSchema, filters['to.expiration_timestamp'], 'Expiration To'))}`);
	if (filters.created_by) parts.push(`created_by:${fqlQuote(check(text(256), filters.created_by, 'Created By'))}`);
	if (filters.deleted_by) parts.push(`deleted:true+modified_by:${fqlQuote(check(text(256), filters.deleted_by, 'Deleted By'))}`);
	else if (filters.include_deleted !== true) parts.push('deleted:false');
	listOf(filters.share_levels).forEach((level) => check(z.literal('red', { errorMap: () => ({ message: 'the only share level is red' }) }), level, 'Share Levels'));
	return parts.join('+');
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			return {
				filter: legacyFilter(this, index, this.getNodeParameter('filters', index, {}) as IDataObject),
				wanted: readWanted(this, index),
			};
		},
		run: async ({ filter, wanted }) => {
			const { resources } = await collectByCursor(client, requestFor(ioc.indicatorCombined, { query: { filter } }), wanted, 2000);
			// QueryIOCs answered "type:value" identifiers.
			return results(resources.map((record) => ({ id: `${String(record.type)}:${String(record.value)}`, type: record.type, value: record.value })));
		},
	});
}
