import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { LIST_FORMATS, separatedBy } from '../../common/values';

/** One host group as the user picks it: from the Host Group API's list (searchable by name), or by ID. */
export function hostGroupLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Host Group',
		name: 'hostGroup',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a host group...',
				typeOptions: { searchListMethod: 'searchHostGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0123456789abcdef0123456789abcdef',
				validation: [
					{
						type: 'regex',
						properties: { regex: '[a-fA-F0-9]{32}', errorMessage: 'A host group ID is 32 hexadecimal characters' },
					},
				],
			},
		],
		...overrides,
	};
}

/**
 * Host groups as the user picks them: a list of entries, each a resource locator (from the Host
 * Group API's list, searchable by name, or by ID). n8n's editor renders a resource locator inside
 * a fixedCollection entry with every mode; `multipleValues` on the resource locator itself would
 * add `[]` (the parameter's default) as each new entry instead of a locator value.
 */
export function hostGroupsProperty(displayOptions?: IDisplayOptions, description?: string): INodeProperties {
	return {
		displayName: 'Host Groups',
		name: 'hostGroups',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Host Group' },
		default: {},
		placeholder: 'Add Host Group',
		description:
			description ??
			`The host groups the indicator applies to. By ID, an expression may also give several IDs (an array, or text ${separatedBy(LIST_FORMATS.tokens)}).`,
		...(displayOptions ? { displayOptions } : {}),
		options: [
			{
				displayName: 'Host Group',
				name: 'groups',
				values: [hostGroupLocator()],
			},
		],
	};
}

/**
 * The host group IDs of a Host Groups value: the fixedCollection's entries (`{groups: [{hostGroup}]}`),
 * resource-locator values (`{mode, value}`), arrays, or text (IDs separated by commas), in any
 * nesting an expression may give. Not validated here.
 */
export function hostGroupIds(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.flatMap(hostGroupIds);
	if (typeof value === 'object') {
		const entry = value as IDataObject;
		if ('groups' in entry) return hostGroupIds(entry.groups);
		if ('hostGroup' in entry) return hostGroupIds(entry.hostGroup);
		if ('value' in entry) return hostGroupIds(entry.value);
		// An empty Host Groups collection ({}) has no groups; anything else is left for validation to name.
		return Object.keys(entry).length === 0 ? [] : [value];
	}
	return [value];
}
