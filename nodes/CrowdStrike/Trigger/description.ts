import type { INodeProperties } from 'n8n-workflow';

import { lookbackProperty } from '../../common/polling';
import { requestOptionsProperty } from '../transport';
import { ALERT_FQL_FIELDS, alertSeverityOptions, alertStatusOptions } from '../shared/alerts';
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
				name: 'Alert Updated',
				value: 'alertUpdated',
				action: 'On alert updated',
				description: 'The status of an alert changed (new, in progress, closed, reopened); the item holds previous_status when known',
			},
			{
				name: 'New Alert',
				value: 'newAlert',
				action: 'On new alert',
				description: 'Falcon raised an alert (Alerts API v2) of at least the minimum severity',
			},
			{
				name: 'New or Updated Indicator',
				value: 'indicatorChanged',
				action: 'On new or updated indicator',
				description: 'A custom indicator (IOC Management) was created or changed',
			},
			{
				name: 'New Quarantined File',
				value: 'newQuarantinedFile',
				action: 'On new quarantined file',
				description: 'Falcon quarantined a file on a host',
			},
			{
				name: 'Quarantined File Updated',
				value: 'quarantinedFileUpdated',
				action: 'On quarantined file updated',
				description: 'The state of a quarantined file changed (released, deleted, quarantined again); the item holds previous_state when known',
			},
			{
				name: 'Scan Completed',
				value: 'scanCompleted',
				action: 'On scan completed',
				description: 'A Quick Scan finished and has its verdicts',
			},
		],
		default: 'newQuarantinedFile',
	},
	filterFor('indicatorChanged', INDICATOR_FQL_FIELDS, "type:'sha256'+action:'prevent'"),
	filterFor('newQuarantinedFile', QUARANTINE_FQL_FIELDS, "hostname:'WS-NYC-0042'"),
	filterFor('quarantinedFileUpdated', QUARANTINE_FQL_FIELDS, "state:'deleted'"),
	filterFor('scanCompleted', 'samples.sha256, samples.verdict, created_by, created_timestamp', "samples.verdict:'malware'"),
	filterFor('newAlert', ALERT_FQL_FIELDS, "product:'epp'+device.hostname:'WS-NYC-0042'"),
	filterFor('alertUpdated', ALERT_FQL_FIELDS, "product:'epp'"),
	{
		displayName: 'Minimum Severity',
		name: 'minSeverity',
		type: 'options',
		options: alertSeverityOptions,
		default: 'Informational',
		description: 'Only alerts of this severity or higher (by severity name: Informational, Low, Medium, High, Critical)',
		displayOptions: { show: { event: ['newAlert', 'alertUpdated'] } },
	},
	{
		displayName: 'To Status',
		name: 'toStatuses',
		type: 'multiOptions',
		options: alertStatusOptions,
		default: [],
		description: 'Only changes to these statuses; none chosen: any status change',
		displayOptions: { show: { event: ['alertUpdated'] } },
	},
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
			lookbackProperty,
		],
	},
	requestOptionsProperty,
];
