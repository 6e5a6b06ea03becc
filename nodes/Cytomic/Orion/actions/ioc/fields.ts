import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { itemParameters } from '../../../../common/parameters';
import { invalidField, invalidListValue, validateField } from '../../../../common/validation';
import { IOC_TYPE_RULES, checkIocValue, iocTypeSchema, type OrionIocType } from '../../../shared/ioc-types';
import { LIST_FORMATS, listOf, separatedBy } from '../../../../common/values';

type Show = NonNullable<IDisplayOptions['show']>;

export const iocTypeOptions = [
	{ name: 'Domain', value: 'DomainIoc', description: 'Source or target domain of the communication' },
	{ name: 'Hash (MD5)', value: 'FileHashIoc', description: 'MD5 of the file that poses the threat' },
	{ name: 'IP', value: 'IPIoc', description: 'Source or target IP address of the communication' },
	{ name: 'URL', value: 'UrlIoc', description: 'URL the threat requested, with its protocol' },
];

export function iocTypeProperty(show: Show): INodeProperties {
	return {
		displayName: 'IOC Type',
		name: 'iocType',
		type: 'options',
		options: iocTypeOptions,
		default: 'FileHashIoc',
		required: true,
		description: 'The kind of indicator. Items of different types go in separate requests, one type per request.',
		displayOptions: { show },
	};
}

export function iocValuesProperty(show: Show): INodeProperties {
	return {
		displayName: 'IOC Values',
		name: 'values',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. 44d88612fea8a8f36de82e1278abb02f',
		description: `One or more values of the chosen type, ${separatedBy(LIST_FORMATS.tokens)} (URLs by ${LIST_FORMATS.urls.separators}), or an expression that returns an array. Hashes are MD5; URLs include the protocol (https://…).`,
		displayOptions: { show },
	};
}

export function batchSizeOption(defaultSize: number, what: string): INodeProperties {
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: defaultSize,
		description: `How many IOCs one request ${what}. Items are grouped by IOC type first.`,
	};
}

const batchSizeSchema = z.coerce
	.number({ invalid_type_error: 'must be a number' })
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(1000, 'must be at most 1000');

/**
 * Options → Batch Size, read once for the run (from the first item, as every batch shares it).
 * Checked before anything is sent: 0, a negative number or text would otherwise never make a batch.
 */
export function readBatchSize(ctx: IExecuteFunctions, fallback: number): number {
	const value = (ctx.getNodeParameter('options', 0, {}) as IDataObject).batchSize;
	if (value === undefined || value === null || value === '') return fallback;
	return validateField(ctx.getNode(), batchSizeSchema, typeof value === 'string' ? value.trim() || Number.NaN : value, 0, 'Batch Size');
}

export interface ItemIocs {
	type: OrionIocType;
	values: string[];
}

/** Reads each item's IOC Type and IOC Values, each value checked for its type; nothing is sent when one is wrong. */
export function iocsReader(ctx: IExecuteFunctions): (index: number) => ItemIocs {
	const node = ctx.getNode();
	const parameter = itemParameters(ctx);
	return (index) => {
		const type = validateField(node, iocTypeSchema, parameter('iocType', index), index, 'IOC Type');
		const format = type === 'UrlIoc' ? LIST_FORMATS.urls : LIST_FORMATS.tokens;
		const raw = listOf(parameter('values', index, ''), format);
		if (raw.length === 0) invalidField(node, index, 'IOC Values', `give at least one value (${IOC_TYPE_RULES[type].expected})`);
		const values: string[] = [];
		const taken = new Set<string>();
		for (const entry of raw) {
			const checked = checkIocValue(type, entry);
			if ('problem' in checked) invalidListValue(node, index, 'IOC Values', entry, `${checked.problem} (IOC type ${IOC_TYPE_RULES[type].label})`, format);
			if (taken.has(checked.value)) continue;
			taken.add(checked.value);
			values.push(checked.value);
		}
		return { type, values };
	};
}
