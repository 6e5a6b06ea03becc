/** Alerts as the Alert node and the trigger read them: their FQL fields, severities and statuses. */
import { fqlQuote } from './schemas';

export const ALERT_FQL_FIELDS =
	'severity (1-100), severity_name, status, created_timestamp, updated_timestamp, tactic, technique, sha256, filename, device.hostname, device.device_id, assigned_to_name, tags, product, platform';

/** Falcon's alert severity names, lowest first. */
export const ALERT_SEVERITIES = ['Informational', 'Low', 'Medium', 'High', 'Critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** The statuses an alert can have (UpdateV3's update_status values). */
export const ALERT_STATUSES = ['new', 'in_progress', 'reopened', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const alertSeverityOptions = ALERT_SEVERITIES.map((name) => ({ name, value: name }));

export const alertStatusOptions = [
	{ name: 'Closed', value: 'closed' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'New', value: 'new' },
	{ name: 'Reopened', value: 'reopened' },
];

/**
 * The FQL condition for alerts of at least `minimum` severity, by name (`severity_name:['High','Critical']`):
 * the names are what the console shows, and unlike the 1-100 score they need no mapping. Empty for Informational.
 */
export function minimumSeverityFql(minimum: AlertSeverity): string {
	const from = ALERT_SEVERITIES.indexOf(minimum);
	if (from <= 0) return '';
	return `severity_name:[${ALERT_SEVERITIES.slice(from).map(fqlQuote).join(',')}]`;
}
