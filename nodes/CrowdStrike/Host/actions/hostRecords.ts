import type { IDataObject } from 'n8n-workflow';

/** The FQL fields of hosts, as filters and descriptions name them. */
export const HOST_FQL_FIELDS =
	'hostname, local_ip, external_ip, platform_name, os_version, status (containment), last_seen, first_seen, tags, groups, agent_version, mac_address, product_type_desc, site_name';

/** A device record's `status`: its network containment state. */
export const CONTAINMENT_STATUS_OPTIONS = [
	{ name: 'Contained', value: 'contained' },
	{ name: 'Containment Pending', value: 'containment_pending' },
	{ name: 'Lift Containment Pending', value: 'lift_containment_pending' },
	{ name: 'Normal', value: 'normal' },
];

/** The fields of a device record an analyst reads first. */
const SIMPLE_FIELDS = [
	'device_id',
	'hostname',
	'platform_name',
	'os_version',
	'status',
	'host_hidden_status',
	'local_ip',
	'external_ip',
	'mac_address',
	'last_seen',
	'first_seen',
	'agent_version',
	'product_type_desc',
	'machine_domain',
	'site_name',
	'tags',
	'groups',
] as const;

/** A device record (deviceapi.DeviceSwagger) reduced to SIMPLE_FIELDS; fields the record lacks are left out. */
export function simplifyHost(record: IDataObject): IDataObject {
	return Object.fromEntries(SIMPLE_FIELDS.filter((field) => record[field] !== undefined).map((field) => [field, record[field]]));
}

/** The records of `ids`, in that order; IDs without a record are left out. */
export function inOrder(ids: string[], records: Map<string, IDataObject>): IDataObject[] {
	return ids.flatMap((id) => {
		const record = records.get(id.toLowerCase());
		return record ? [record] : [];
	});
}
