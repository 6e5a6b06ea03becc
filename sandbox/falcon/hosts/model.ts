/** Hosts: the device record as the Hosts API answers it, containment states and the device actions. */

/** `status` of a device record: its network containment state. */
export const CONTAINMENT_STATES = ['normal', 'containment_pending', 'contained', 'lift_containment_pending'] as const;
export type ContainmentState = (typeof CONTAINMENT_STATES)[number];

export type OnlineState = 'online' | 'offline' | 'unknown';

/** PerformActionV2's `action_name` values (FalconPy `perform_action`); the sandbox acts on the first four. */
export const DEVICE_ACTIONS = ['contain', 'lift_containment', 'hide_host', 'unhide_host', 'detection_suppress', 'detection_unsuppress'] as const;
export type DeviceActionName = (typeof DEVICE_ACTIONS)[number];

/** IDs per PerformActionV2 request: 500 for containment, 100 to hide or unhide (PSFalcon). */
export const ACTION_MAX_IDS: Record<DeviceActionName, number> = {
	contain: 500,
	lift_containment: 500,
	hide_host: 100,
	unhide_host: 100,
	detection_suppress: 500,
	detection_unsuppress: 500,
};

export const MAX_DETAILS_IDS = 5000;
export const MAX_ONLINE_STATE_IDS = 100;
export const MAX_QUERY_LIMIT = 5000;
/** How long a scroll cursor stays valid without being used. */
export const SCROLL_TTL_MS = 2 * 60_000;

/**
 * A device as PostDeviceDetailsV2 (deviceapi.DeviceSwagger) and the group member queries
 * (device.Device) answer it: only fields both models declare.
 */
export interface DeviceRecord {
	device_id: string;
	cid: string;
	agent_load_flags: string;
	agent_local_time: string;
	agent_version: string;
	bios_manufacturer: string;
	bios_version: string;
	config_id_base: string;
	config_id_build: string;
	config_id_platform: string;
	connection_ip: string;
	connection_mac_address: string;
	external_ip: string;
	first_seen: string;
	groups: string[];
	host_hidden_status: 'visible' | 'hidden';
	hostname: string;
	last_seen: string;
	linux_sensor_mode?: string;
	local_ip: string;
	mac_address: string;
	machine_domain: string;
	major_version: string;
	minor_version: string;
	modified_timestamp: string;
	os_version: string;
	platform_id: string;
	platform_name: string;
	product_type: string;
	product_type_desc: string;
	provision_status: string;
	reduced_functionality_mode: string;
	serial_number: string;
	site_name: string;
	status: ContainmentState;
	system_manufacturer: string;
	system_product_name: string;
	tags: string[];
}

/** One device action the store applied: the audit trail tests and the demo read. */
export interface DeviceActionRecord {
	device_id: string;
	action: DeviceActionName;
	by: string;
	at: string;
}
