import { z } from 'zod';

export const IOC_TYPES = ['sha256', 'md5', 'domain', 'ipv4', 'ipv6'] as const;
export type IocType = (typeof IOC_TYPES)[number];

export const IOC_ACTIONS = ['no_action', 'allow', 'prevent_no_ui', 'prevent', 'detect'] as const;
export const MOBILE_ACTIONS = ['no_action', 'allow', 'detect', 'prevent'] as const;
export const PLATFORMS = ['windows', 'mac', 'linux', 'ios', 'android'] as const;
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Free text as the API stores it: no control characters, bounded length. */
export function text(max: number) {
	return z
		.string()
		.max(max, `must be at most ${max} characters`)
		.refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
	return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
	if (!/^[0-9a-f:.]+$/i.test(value) || value.length > 45) return false;
	const parts = value.split('::');
	if (parts.length > 2) return false;
	const groups = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groups(parts[0]);
	const tail = parts.length === 2 ? groups(parts[1]) : [];
	const all = [...head, ...tail];
	let width = all.length;
	const last = all[all.length - 1];
	if (last?.includes('.')) {
		if (!isIpv4(last)) return false;
		all.pop();
		width += 1;
	}
	if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
	return parts.length === 2 ? width < 8 : width === 8;
}

const DOMAIN = /^(?=.{1,200}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

const VALUE_RULES: Record<IocType, { test: (value: string) => boolean; expected: string }> = {
	sha256: { test: (v) => /^[a-f0-9]{64}$/.test(v), expected: 'a SHA256 hash (64 hexadecimal characters)' },
	md5: { test: (v) => /^[a-f0-9]{32}$/.test(v), expected: 'an MD5 hash (32 hexadecimal characters)' },
	domain: { test: (v) => DOMAIN.test(v) && !isIpv4(v), expected: 'a domain name of at most 200 characters (an IP address is type ipv4 or ipv6)' },
	ipv4: { test: isIpv4, expected: 'an IPv4 address' },
	ipv6: { test: isIpv6, expected: 'an IPv6 address' },
};

/** The value normalised the way Falcon stores it (hashes and domains in lower case), or an error message. */
export function normaliseIocValue(type: IocType, raw: unknown): { value: string } | { problem: string } {
	if (typeof raw !== 'string' && typeof raw !== 'number') return { problem: `expected ${VALUE_RULES[type].expected}` };
	const trimmed = String(raw).trim();
	const value = type === 'ipv6' ? trimmed : trimmed.toLowerCase();
	if (!VALUE_RULES[type].test(value)) {
		const shown = trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
		return { problem: `"${shown}" is not ${VALUE_RULES[type].expected}` };
	}
	return { value };
}

export const iocTypeSchema = z.enum(IOC_TYPES, {
	errorMap: () => ({ message: `must be one of ${IOC_TYPES.join(', ')}` }),
});

export const indicatorIdSchema = z
	.string()
	.trim()
	.regex(/^[a-f0-9]{64}$/i, 'an indicator ID is 64 hexadecimal characters');

export const hostGroupIdSchema = z
	.string()
	.trim()
	.regex(/^[a-f0-9]{32}$/i, 'a host group ID is 32 hexadecimal characters');

export const deviceIdSchema = z
	.string()
	.trim()
	.regex(/^[a-f0-9]{32}$/i, 'a device ID is 32 hexadecimal characters');

/** A filter in CrowdStrike's Falcon Query Language, passed through as the user wrote it. */
export const fqlSchema = text(8000).transform((value) => value.trim());

/**
 * Expiration as Falcon takes it. n8n's date picker and expressions give ISO strings with or
 * without a zone; a plain date is midnight UTC. The result is `YYYY-MM-DDTHH:MM:SSZ`.
 */
export const expirationSchema = z
	.union([z.string(), z.date()])
	.transform((value, context) => {
		const raw = value instanceof Date ? value.toISOString() : value.trim();
		const withZone = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`;
		const date = new Date(withZone);
		if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime()) || !isCalendarDate(raw.slice(0, 10))) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: `"${raw}" is not a date (use YYYY-MM-DD or an ISO 8601 date and time)` });
			return z.NEVER;
		}
		return `${date.toISOString().slice(0, 19)}Z`;
	});

/** Whether YYYY-MM-DD names a real day (JavaScript rolls 2024-02-30 over to March). */
function isCalendarDate(day: string): boolean {
	const [year, month, date] = day.split('-').map(Number);
	const parsed = new Date(Date.UTC(year, month - 1, date));
	return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

/** A list given as an array, or as text separated by commas, spaces or new lines. */
export function listOf(value: unknown): string[] {
	// Only the separators a user types: other white space (a vertical tab…) stays in the value and fails its check.
	const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[ \t\r\n,]+/) : value == null ? [] : [value];
	return values.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** A value quoted for an FQL filter: backslashes and single quotes escaped, so it cannot end the string. */
export function fqlQuote(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
