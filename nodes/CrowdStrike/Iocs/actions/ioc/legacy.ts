import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateField } from '../../../../common/validation';
import type { IocRef } from '../../../shared/ioc-input';
import { fqlQuote } from '../../../shared/schemas';
import { text } from '../../../../common/values';
import { searchIndicatorRecords } from '../../../api/ioc';
import type { FalconClient } from '../../../transport';

/** Legacy policies and the IOC Management actions they became. */
export const POLICY_TO_ACTION = { detect: 'detect', none: 'no_action' } as const;
export type LegacyPolicy = keyof typeof POLICY_TO_ACTION;

const policySchema = z.enum(['detect', 'none'], { errorMap: () => ({ message: 'must be detect or none' }) });

export function legacyFieldProperties(displayOptions: IDisplayOptions, includePolicy: boolean): INodeProperties[] {
	return [
		...(includePolicy
			? [
					{
						displayName: 'Policy',
						name: 'policy',
						type: 'options',
						options: [
							{ name: 'Detect', value: 'detect', description: 'Enable detections for this IOC' },
							{ name: 'None', value: 'none', description: 'Disable detections for this IOC' },
						],
						default: 'detect',
						displayOptions,
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: includePolicy ? 'Additional Fields' : 'Update Fields',
			name: includePolicy ? 'additionalFields' : 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: [
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{
					displayName: 'Expiration Days',
					name: 'expiration_days',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 30,
					description: 'How many days the IOC stays active. Applies to domains and IP addresses only, as in the legacy API.',
				},
				...(includePolicy
					? []
					: [
							{
								displayName: 'Policy',
								name: 'policy',
								type: 'options',
								options: [
									{ name: 'Detect', value: 'detect' },
									{ name: 'None', value: 'none' },
								],
								default: 'detect',
							} satisfies INodeProperties,
						]),
				{
					displayName: 'Share Level',
					name: 'share_level',
					type: 'options',
					options: [{ name: 'Red', value: 'red', description: 'Visible only in your customer account (the only level)' }],
					default: 'red',
				},
				{ displayName: 'Source', name: 'source', type: 'string', default: '', description: 'Where the IOC comes from (at most 200 characters)' },
			],
		},
	];
}

/**
 * Legacy fields as IOC Management fields. Expiration days become a date, and apply to domains and
 * IP addresses only, as the legacy API documented.
 */
export function toIndicatorFields(ctx: IExecuteFunctions, index: number, ioc: IocRef, legacy: IDataObject, now = new Date()): IDataObject {
	const node = ctx.getNode();
	const fields: IDataObject = {};
	if (legacy.policy !== undefined) fields.action = POLICY_TO_ACTION[validateField(node, policySchema, legacy.policy, index, 'Policy')];
	if (legacy.source) fields.source = validateField(node, text(200), legacy.source, index, 'Source');
	if (legacy.description) fields.description = validateField(node, text(4096), legacy.description, index, 'Description');
	if (legacy.share_level !== undefined) validateField(node, z.literal('red', { errorMap: () => ({ message: 'the only share level is red' }) }), legacy.share_level, index, 'Share Level');
	if (legacy.expiration_days !== undefined && legacy.expiration_days !== '' && ['domain', 'ipv4', 'ipv6'].includes(ioc.type)) {
		const days = validateField(node, z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be at most 3650'), legacy.expiration_days, index, 'Expiration Days');
		fields.expiration = `${new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 19)}Z`;
	}
	return fields;
}

/** An IOC Management indicator in the shape the legacy API answered. */
export function toLegacy(record: IDataObject): IDataObject {
	const action = String(record.action ?? '');
	return {
		type: record.type,
		value: record.value,
		policy: action === 'no_action' ? 'none' : action,
		share_level: 'red',
		expiration_timestamp: record.expiration ?? null,
		source: record.source ?? '',
		description: record.description ?? '',
		created_by: record.created_by,
		created_timestamp: record.created_on,
		modified_by: record.modified_by,
		modified_timestamp: record.modified_on,
		indicator_id: record.id,
	};
}

/** The IOC Management indicator with this type and value, if there is one. */
export async function findIndicator(client: FalconClient, ioc: IocRef): Promise<IDataObject | undefined> {
	const answer = await searchIndicatorRecords(client, { filter: `type:${fqlQuote(ioc.type)}+value:${fqlQuote(ioc.value)}`, limit: 1 });
	return (answer.resources ?? [])[0];
}
