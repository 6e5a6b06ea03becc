/** Alerts: the alert record (detects.Alert) as the Alerts API answers it, its statuses and update actions. */
import type { DeviceRecord } from '../hosts/model';

export const ALERT_STATUSES = ['new', 'in_progress', 'closed', 'reopened'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Falcon's severity names and the score each carries in `severity` (1-100). */
export const SEVERITY_SCORES = { Informational: 10, Low: 30, Medium: 50, High: 70, Critical: 90 } as const;
export type SeverityName = keyof typeof SEVERITY_SCORES;

/** UpdateV3's `action_parameters[].name` values (FalconPy's update_alerts_payload keys). */
export const ALERT_ACTIONS = [
	'add_tag',
	'append_comment',
	'assign_to_name',
	'assign_to_user_id',
	'assign_to_uuid',
	'new_behavior_processed',
	'remove_tag',
	'remove_tags_by_prefix',
	'show_in_ui',
	'unassign',
	'update_status',
] as const;
export type AlertActionName = (typeof ALERT_ACTIONS)[number];

/** Composite IDs per GetV2 and UpdateV3 request. */
export const MAX_ALERT_IDS = 1000;
/** The combined search's largest page ("default: 100; max: 1000"). */
export const MAX_COMBINED_LIMIT = 1000;

/** The fields of detects.AlertDevice the sandbox fills: the host as an alert carries it. */
export const ALERT_DEVICE_FIELDS = [
	'agent_version',
	'cid',
	'device_id',
	'external_ip',
	'first_seen',
	'groups',
	'hostname',
	'last_seen',
	'local_ip',
	'mac_address',
	'machine_domain',
	'major_version',
	'minor_version',
	'modified_timestamp',
	'os_version',
	'platform_id',
	'platform_name',
	'product_type',
	'product_type_desc',
	'site_name',
	'status',
	'system_manufacturer',
	'system_product_name',
	'tags',
] as const;

export type AlertDevice = Pick<DeviceRecord, (typeof ALERT_DEVICE_FIELDS)[number]>;

export interface MitreAttack {
	pattern_id: number;
	tactic: string;
	tactic_id: string;
	technique: string;
	technique_id: string;
}

/** An endpoint alert as GetV2 and the combined search answer it (detects.Alert): every required field, and the file and host. */
export interface Alert {
	agent_id: string;
	aggregate_id: string;
	aggregation_rule_id: string;
	aggregation_rule_name: string;
	assigned_to_name: string;
	assigned_to_uid: string;
	assigned_to_uuid: string;
	cid: string;
	cmdline: string;
	cms_rule_id: string;
	cms_rule_instance_id: string;
	cms_rule_instance_version: string;
	composite_id: string;
	confidence: number;
	crawled_timestamp: string;
	created_timestamp: string;
	data_domains: string[];
	description: string;
	device: AlertDevice;
	display_name: string;
	email_sent: boolean;
	external: boolean;
	falcon_host_link: string;
	filename: string;
	filepath: string;
	id: string;
	is_aggregated: boolean;
	is_falcon_platform_ioa: boolean;
	linked_behavioral_detections: string[];
	linked_case_ids: string[];
	mitre_attack: MitreAttack[];
	name: string;
	objective: string;
	origin_cid: string;
	pattern_disposition: number;
	pattern_disposition_description: string;
	pattern_disposition_details: Record<string, boolean>;
	pattern_id: number;
	platform: string;
	product: string;
	quarantined_files: Array<{ id: string; filename: string; sha256: string; state: string }>;
	resolution: string;
	scenario: string;
	seconds_to_resolved: number;
	seconds_to_triaged: number;
	severity: number;
	severity_name: SeverityName;
	sha256: string;
	show_in_ui: boolean;
	source_products: string[];
	source_vendors: string[];
	status: AlertStatus;
	tactic: string;
	tactic_id: string;
	tags: string[];
	technique: string;
	technique_id: string;
	timestamp: string;
	type: string;
	updated_timestamp: string;
	user_name: string;
}

/** The detection pattern an alert comes from: a known-bad hash, or the sensor's machine learning. */
export const PATTERNS = {
	knownMalware: {
		pattern_id: 10197,
		name: 'KnownMalware',
		display_name: 'Known malware',
		description: 'A file written to the file system matches a hash CrowdStrike knows as malware; the file was quarantined.',
		scenario: 'known_malware',
		tactic: 'Malware',
		tactic_id: 'CSTA0001',
		technique: 'Known Malware',
		technique_id: 'CST0001',
	},
	machineLearning: {
		pattern_id: 10304,
		name: 'OnSensorMLSlashNextHighConfidence',
		display_name: 'Machine learning: high-confidence malicious file',
		description: 'This file meets the machine learning-based on-sensor AV protection\'s high confidence threshold for malicious files; it was quarantined.',
		scenario: 'NGAV',
		tactic: 'Machine Learning',
		tactic_id: 'CSTA0004',
		technique: 'Sensor-based ML',
		technique_id: 'CST0007',
	},
	lowConfidence: {
		pattern_id: 10305,
		name: 'OnSensorMLSlashNextLowConfidence',
		display_name: 'Machine learning: suspicious file',
		description: 'This file meets the machine learning-based on-sensor AV protection\'s lowest confidence threshold for malicious files; it was quarantined.',
		scenario: 'NGAV',
		tactic: 'Machine Learning',
		tactic_id: 'CSTA0004',
		technique: 'Sensor-based ML',
		technique_id: 'CST0007',
	},
} as const;

export type PatternName = keyof typeof PATTERNS;
