import { z } from 'zod';

import { canonicalIpv6, isCalendarDate, isIpv4, isIpv6, text } from '../../common/values';

export const IOC_TYPES = ['sha256', 'md5', 'domain', 'ipv4', 'ipv6'] as const;
export type IocType = (typeof IOC_TYPES)[number];

export const IOC_ACTIONS = ['no_action', 'allow', 'prevent_no_ui', 'prevent', 'detect'] as const;
export const MOBILE_ACTIONS = ['no_action', 'allow', 'detect', 'prevent'] as const;
export const PLATFORMS = ['windows', 'mac', 'linux', 'ios', 'android'] as const;
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;

const DOMAIN = /^(?=.{1,200}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

const VALUE_RULES: Record<IocType, { test: (value: string) => boolean; expected: string }> = {
	sha256: { test: (v) => /^[a-f0-9]{64}$/.test(v), expected: 'a SHA256 hash (64 hexadecimal characters)' },
	md5: { test: (v) => /^[a-f0-9]{32}$/.test(v), expected: 'an MD5 hash (32 hexadecimal characters)' },
	domain: { test: (v) => DOMAIN.test(v) && !isIpv4(v), expected: 'a domain name of at most 200 characters (an IP address is type ipv4 or ipv6)' },
	ipv4: { test: isIpv4, expected: 'an IPv4 address' },
	ipv6: { test: isIpv6, expected: 'an IPv6 address' },
};

/**
 * The value as Falcon stores it: hashes and domains in lower case, a domain without its trailing
 * dot, an IPv6 address in its canonical form (RFC 5952). Values are sent, and answers matched, in
 * this form: the API would otherwise create `2001:DB8::ABCD` and answer `2001:db8::abcd`.
 */
export function canonicalIocValue(type: string, value: string): string {
	if (type === 'ipv6') return canonicalIpv6(value) ?? value.toLowerCase();
	if (type === 'domain') return value.toLowerCase().replace(/\.$/, '');
	return type === 'ipv4' ? value : value.toLowerCase();
}

/** The value normalised the way Falcon stores it (see `canonicalIocValue`), or an error message. */
export function normaliseIocValue(type: IocType, raw: unknown): { value: string } | { problem: string } {
	if (typeof raw !== 'string' && typeof raw !== 'number') return { problem: `expected ${VALUE_RULES[type].expected}` };
	const trimmed = String(raw).trim();
	const value = type === 'ipv6' ? trimmed : trimmed.toLowerCase();
	if (VALUE_RULES[type].test(value)) return { value: canonicalIocValue(type, value) };
	const shown = trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
	return { problem: `"${shown}" is not ${VALUE_RULES[type].expected}` };
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

/** A file or sample is named by its SHA256; Falcon stores hashes in lower case. */
export const sha256Schema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-f0-9]{64}$/, 'a SHA256 is 64 hexadecimal characters');

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

/** A point in time a user gives (n8n's date picker, ISO text with or without a zone, a plain date at midnight UTC), in epoch ms. */
export const instantSchema = expirationSchema.transform((iso) => Date.parse(iso));

/** A value quoted for an FQL filter: backslashes and single quotes escaped, so it cannot end the string. */
export function fqlQuote(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
