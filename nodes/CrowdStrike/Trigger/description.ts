import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../transport';
import { INDICATOR_FQL_FIELDS } from '../shared/indicator-fields';
import { QUARANTINE_FQL_FIELDS } from '../shared/quarantine';

export const DEFAULT_MAX_ITEMS = 1000;

/** The filter of one event: the same parameter, with that event's fields in its description. */
function filterFor(event: string, fields: string, placeholder: string): INodeProperties {
	return {
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder,
		description: `Only items that match this Falcon Query Language (FQL) filter, e.g. to watch some hosts. Fields include ${fields}. The trigger adds its own time condition.`,
		displayOptions: { show: { event: [event] } },
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: [
			{
				name: 'New or Updated Indicator',
				value: 'indicatorChanged',
				description: 'A custom indicator (IOC Management) was created or changed',
			},
			{
				name: 'New Quarantined File',
				value: 'newQuarantinedFile',
				description: 'Falcon quarantined a file on a host',
			},
			{
				name: 'Quarantined File Updated',
				value: 'quarantinedFileUpdated',
				description: 'The state of a quarantined file changed (released, deleted, quarantined again); the item holds previous_state when known',
			},
			{
				name: 'Scan Completed',
				value: 'scanCompleted',
				description: 'A Quick Scan finished and has its verdicts',
			},
		],
		default: 'newQuarantinedFile',
	},
	filterFor('indicatorChanged', INDICATOR_FQL_FIELDS, "type:'sha256'+action:'prevent'"),
	filterFor('newQuarantinedFile', QUARANTINE_FQL_FIELDS, "hostname:'WS-NYC-0042'"),
	filterFor('quarantinedFileUpdated', QUARANTINE_FQL_FIELDS, "state:'deleted'"),
	filterFor('scanCompleted', 'samples.sha256, samples.verdict, created_by, created_timestamp', "samples.verdict:'malware'"),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Items per Poll',
				name: 'maxItems',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: DEFAULT_MAX_ITEMS,
				description: 'The most items one poll emits, oldest first; the rest follow on the next polls',
			},
		],
	},
	requestOptionsProperty,
];
