import type { IDataObject, IDisplayOptions, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { invalidField, validateField, validateList } from '../../common/validation';
import { IOC_ACTIONS, MOBILE_ACTIONS, PLATFORMS, SEVERITIES, expirationSchema, hostGroupIdSchema } from './schemas';
import { LIST_FORMATS, listOf, separatedBy, text } from '../../common/values';
import { actionOptions, mobileActionOptions, platformOptions, severityOptions } from './descriptions';
import { hostGroupIds } from './indicator-host-groups';

/** The indicator fields a user can set on create (as Additional Fields) and on update (as Update Fields). */
export function indicatorFieldOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
		},
		{
			displayName: 'Expiration',
			name: 'expiration',
			type: 'dateTime',
			default: '',
			description: 'When the indicator expires (UTC). After that its action becomes No Action; the indicator stays.',
		},
		{
			displayName: 'Filename',
			name: 'filename',
			type: 'string',
			default: '',
			description: 'A file name to keep with a hash indicator (metadata.filename)',
		},
		{
			displayName: 'Mobile Action',
			name: 'mobileAction',
			type: 'options',
			options: mobileActionOptions,
			default: 'detect',
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: '',
			description: 'Where the indicator comes from (at most 256 characters)',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: 'phishing, campaign-42',
			description: `Tags ${separatedBy(LIST_FORMATS.phrases)}`,
		},
	];
}

export function actionProperty(displayOptions: IDisplayOptions, name = 'action'): INodeProperties {
	return {
		displayName: 'Action',
		name,
		type: 'options',
		options: actionOptions,
		default: 'detect',
		description: 'What Falcon does when it sees the indicator. Choose from the list, or use an <a href="https://docs.n8n.io/code/expressions/">expression</a> for a value from your data.',
		displayOptions,
	};
}

export function platformsProperty(displayOptions: IDisplayOptions, required: boolean): INodeProperties {
	return {
		displayName: 'Platforms',
		name: 'platforms',
		type: 'multiOptions',
		options: platformOptions,
		default: ['windows', 'mac', 'linux'],
		required,
		description: `The platforms the indicator applies to. Choose from the list, or use an <a href="https://docs.n8n.io/code/expressions/">expression</a> for values from your data (an array, or text ${separatedBy(LIST_FORMATS.tokens)}).`,
		displayOptions,
	};
}

export function severityProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Severity',
		name: 'severity',
		type: 'options',
		options: severityOptions,
		default: 'medium',
		description: 'Required when the action is Detect or Block. Choose from the list, or use an <a href="https://docs.n8n.io/code/expressions/">expression</a> for a value from your data.',
		displayOptions,
	};
}

const actionSchema = z.enum(IOC_ACTIONS, { errorMap: () => ({ message: `must be one of ${IOC_ACTIONS.join(', ')}` }) });
const mobileActionSchema = z.enum(MOBILE_ACTIONS, {
	errorMap: () => ({ message: `must be one of ${MOBILE_ACTIONS.join(', ')}` }),
});
const severitySchema = z.enum(SEVERITIES, { errorMap: () => ({ message: `must be one of ${SEVERITIES.join(', ')}` }) });
const platformSchema = z.enum(PLATFORMS, { errorMap: () => ({ message: `must be among ${PLATFORMS.join(', ')}` }) });

const FIELD_NAMES: Record<string, string> = {
	action: 'Action',
	severity: 'Severity',
	platforms: 'Platforms',
	description: 'Description',
	expiration: 'Expiration',
	filename: 'Filename',
	mobileAction: 'Mobile Action',
	source: 'Source',
	tags: 'Tags',
	hostGroups: 'Host Groups',
	appliedGlobally: 'Applied Globally',
};

const descriptionSchema = text(4096);
const sourceSchema = text(256);
const filenameSchema = text(1024);
const tagSchema = text(256);

/**
 * Indicator fields as the API takes them, each validated. Only the fields present in `values`
 * are set, so the same code serves create and partial update. Pass `node` when reading many
 * items: `ctx.getNode()` copies the whole node on every call.
 */
export function indicatorFields(ctx: IExecuteFunctions, itemIndex: number, values: IDataObject, node: INode = ctx.getNode()): IDataObject {
	const check = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, key: string) =>
		validateField(node, schema, values[key], itemIndex, FIELD_NAMES[key] ?? key);
	const fields: IDataObject = {};
	const has = (key: string) => values[key] !== undefined && values[key] !== '' && values[key] !== null;

	if (has('action')) fields.action = check(actionSchema, 'action');
	if (has('severity')) fields.severity = check(severitySchema, 'severity');
	if (has('platforms')) {
		const platforms = listOf(values.platforms);
		if (platforms.length === 0) invalidField(node, itemIndex, 'Platforms', 'choose at least one platform');
		fields.platforms = platforms.map((platform) => validateField(node, platformSchema, platform, itemIndex, 'Platforms'));
	}
	if (has('mobileAction')) fields.mobile_action = check(mobileActionSchema, 'mobileAction');
	if (has('description')) fields.description = check(descriptionSchema, 'description');
	if (has('source')) fields.source = check(sourceSchema, 'source');
	if (has('expiration')) fields.expiration = check(expirationSchema, 'expiration');
	if (has('filename')) fields.metadata = { filename: check(filenameSchema, 'filename') };
	if (has('tags')) fields.tags = validateList(node, tagSchema, values.tags, itemIndex, 'Tags', LIST_FORMATS.phrases);
	if (values.appliedGlobally !== undefined) fields.applied_globally = values.appliedGlobally === true;
	if (has('hostGroups')) {
		fields.host_groups = validateList(node, hostGroupIdSchema, hostGroupIds(values.hostGroups), itemIndex, 'Host Groups', LIST_FORMATS.tokens);
	}
	if ((fields.action === 'detect' || fields.action === 'prevent') && values.severity === '') {
		invalidField(node, itemIndex, 'Severity', `a severity is required when the action is ${String(fields.action)}`);
	}
	return fields;
}

/** The FQL fields of indicators, as filters and descriptions name them. */
export const INDICATOR_FQL_FIELDS =
	"type, value, action, severity, platforms, tags, source, created_on, modified_on, expiration, expired, applied_globally, host_groups, created_by, modified_by, metadata.filename";
