import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched, type ItemOutcome, type ParsedItem } from '../../../../common/items';
import { itemParameters, type ItemParameter } from '../../../../common/parameters';
import { invalidField, validateField, wholeNumber } from '../../../../common/validation';
import { iocTypeOptions } from '../../../shared/descriptions';
import { iocReader, type IocRef } from '../../../shared/ioc-input';
import { text } from '../../../../common/values';
import { falconClient } from '../../../transport';
import { actionProperty, indicatorFieldOptions, indicatorFields, platformsProperty, severityProperty } from '../../../shared/indicator-fields';
import { hostGroupsProperty } from '../../../shared/indicator-host-groups';
import { createIndicators, markExisted, upsertIndicators, type IndicatorWrite, type OnExisting } from '../../../shared/indicator-writes';

const show = { resource: ['indicator'], operation: ['create'] };
/** The indicator's own fields, which Sync reads per feed item the same way. */
const showFields = { resource: ['indicator'], operation: ['create', 'sync'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: iocTypeOptions,
		default: 'sha256',
		required: true,
		description: 'The kind of indicator. Choose from the list, or use an <a href="https://docs.n8n.io/code/expressions/">expression</a> for a value from your data.',
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. evil.example.com',
		description: 'The hash (SHA256 or MD5), domain or IP address, e.g. 44d88612fea8a8f36de82e1278abb02f, evil.example.com or 203.0.113.7',
		displayOptions: { show: showFields },
	},
	actionProperty({ show: showFields }),
	platformsProperty({ show: showFields }, true),
	severityProperty({ show: showFields }),
	{
		displayName: 'Applied Globally',
		name: 'appliedGlobally',
		type: 'boolean',
		default: true,
		description: 'Whether the indicator applies to all hosts; otherwise choose host groups',
		displayOptions: { show: showFields },
	},
	hostGroupsProperty({ show: { ...showFields, appliedGlobally: [false] } }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: indicatorFieldOptions(),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 500 },
				default: 100,
				description: 'How many indicators one request creates',
			},
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'An audit comment stored with the change',
			},
			{
				displayName: 'If Indicator Exists',
				name: 'onExisting',
				type: 'options',
				options: [
					{ name: 'Fail the Item', value: 'error', description: "CrowdStrike's answer: a duplicate is an error" },
					{ name: 'Return the Existing Indicator', value: 'skip', description: 'Leave it unchanged and output it' },
					{ name: 'Update the Existing Indicator', value: 'update', description: "Apply this item's fields to it" },
				],
				default: 'error',
				description: 'What to do when an indicator with the same type and value exists. Looking them up costs one more request per batch. Each output item says existed: true when the indicator was there before, false when it was created now.',
			},
			{
				displayName: 'Ignore Warnings',
				name: 'ignoreWarnings',
				type: 'boolean',
				default: false,
				description: 'Whether to create indicators even when Falcon warns about them (e.g. a hash of a common file)',
			},
			{
				displayName: 'Retrodetects',
				name: 'retrodetects',
				type: 'boolean',
				default: false,
				description: 'Whether to generate detections for past activity that matches the indicator',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = wholeNumber(this.getNode(), options.batchSize ?? 100, 0, 'Batch Size', 1, 500);
	const onExisting = (options.onExisting ?? 'error') as OnExisting;
	const parameter = itemParameters(this);
	const readIoc = iocReader(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => parseCreate(this, node, parameter, readIoc(index), index),
		groupBy: (input) => JSON.stringify(input.request),
		batchSize,
		concurrency: client.policy.concurrency,
		run: async (batch: Array<ParsedItem<IndicatorWrite>>): Promise<Map<number, ItemOutcome>> =>
			onExisting === 'error'
				? markExisted(await createIndicators(client, this.getNode(), batch), false)
				: await upsertIndicators(client, this.getNode(), batch, onExisting),
	});
}

const commentSchema = text(1024);

/** One item's indicator and request settings (Create's and Sync's fields), validated. */
export function parseCreate(ctx: IExecuteFunctions, node: INode, parameter: ItemParameter, ioc: IocRef, index: number): IndicatorWrite {
	const options = parameter<IDataObject>('options', index, {});
	const appliedGlobally = parameter<boolean>('appliedGlobally', index);
	const fields = indicatorFields(ctx, index, {
		...parameter<IDataObject>('additionalFields', index, {}),
		action: parameter('action', index),
		platforms: parameter('platforms', index),
		severity: parameter('severity', index, ''),
		appliedGlobally,
		hostGroups: appliedGlobally ? undefined : parameter('hostGroups', index, ''),
	}, node);
	if (fields.action === undefined) invalidField(node, index, 'Action', 'choose an action');
	if (fields.platforms === undefined) invalidField(node, index, 'Platforms', 'choose at least one platform');
	if (!appliedGlobally && !(fields.host_groups as string[] | undefined)?.length) {
		invalidField(node, index, 'Host Groups', 'choose at least one host group, or apply the indicator globally');
	}
	if (fields.action === 'prevent' || fields.action === 'prevent_no_ui') {
		if (ioc.type !== 'sha256' && ioc.type !== 'md5') {
			invalidField(node, index, 'Action', `blocking is only possible for hash indicators, not ${ioc.type}`);
		}
	}
	return {
		indicator: { type: ioc.type, value: ioc.value, ...fields },
		request: {
			comment: validateField(node, commentSchema, options.comment ?? '', index, 'Comment'),
			retrodetects: options.retrodetects === true,
			ignoreWarnings: options.ignoreWarnings === true,
		},
	};
}
