import type { IDataObject } from 'n8n-workflow';

const KEPT = [
	'id',
	'type',
	'value',
	'action',
	'mobile_action',
	'severity',
	'platforms',
	'applied_globally',
	'host_groups',
	'expiration',
	'expired',
	'source',
	'description',
	'tags',
	'created_on',
	'modified_on',
] as const;

/** The fields a workflow usually needs of an indicator; the raw record has many more. */
export function simplifyIndicator(record: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const key of KEPT) if (record[key] !== undefined) simple[key] = record[key];
	const filename = (record.metadata as IDataObject | undefined)?.filename;
	if (filename) simple.filename = filename;
	return simple;
}
