/**
 * CrowdStrike's validation rules for indicators, checked one indicator at a time so that
 * one bad indicator does not sink a batch.
 */
import { isIP } from 'node:net';
import {
	ACTIONS,
	IOC_TYPES,
	type IocAction,
	type IocType,
	MAX_DESCRIPTION_LENGTH,
	MAX_DOMAIN_LENGTH,
	MAX_SOURCE_LENGTH,
	MOBILE_ACTIONS,
	NETWORK_ACTIONS,
	PLATFORMS,
	SEVERITIES,
} from './model';

/** The writable fields of an indicator, after normalisation. */
export interface IndicatorFields {
	type: IocType;
	value: string;
	action: IocAction;
	mobile_action?: string;
	severity: string;
	platforms: string[];
	applied_globally: boolean;
	host_groups: string[];
	expiration?: string;
	expirationMs: number | null;
	source?: string;
	description?: string;
	tags: string[];
	metadata: { filename?: string; [key: string]: unknown };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

const HEX = /^[0-9a-f]+$/i;
const DOMAIN_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

export function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lower-cased/trimmed canonical value; `undefined` when it does not fit the type. */
export function canonicalValue(type: IocType, raw: string): string | undefined {
	const v = raw.trim();
	switch (type) {
		case 'sha256':
			return v.length === 64 && HEX.test(v) ? v.toLowerCase() : undefined;
		case 'md5':
			return v.length === 32 && HEX.test(v) ? v.toLowerCase() : undefined;
		case 'ipv4':
			return isIP(v) === 4 ? v : undefined;
		case 'ipv6':
			return isIP(v) === 6 ? v.toLowerCase() : undefined;
		case 'domain': {
			const d = v.toLowerCase().replace(/\.$/, '');
			if (d.length < 1 || d.length > MAX_DOMAIN_LENGTH) return undefined;
			if (isIP(d)) return undefined;
			return d.split('.').every((label) => DOMAIN_LABEL.test(label)) ? d : undefined;
		}
	}
}

export function valueRule(type: IocType): string {
	switch (type) {
		case 'sha256':
			return 'a sha256 must be 64 hexadecimal characters';
		case 'md5':
			return 'an md5 must be 32 hexadecimal characters';
		case 'domain':
			return `a domain must be a valid domain name of 1 to ${MAX_DOMAIN_LENGTH} characters`;
		case 'ipv4':
			return 'an ipv4 must be a valid IPv4 address';
		case 'ipv6':
			return 'an ipv6 must be a valid IPv6 address';
	}
}

/**
 * An RFC 3339 date-time (the spec's `format: date-time` on api.IndicatorCreateReqV1.expiration;
 * FalconPy documents "2021-10-22T11:03:16.123Z") -> ISO string + epoch ms. A bare date
 * (2020-01-01) or any other layout (01/02/2030) is refused, as the API refuses it.
 */
export function parseExpiration(v: unknown): { iso: string; ms: number } | undefined {
	if (typeof v !== 'string') return undefined;
	const s = v.trim();
	if (!/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s)) return undefined;
	const ms = Date.parse(s);
	if (Number.isNaN(ms)) return undefined;
	return { iso: new Date(ms).toISOString().replace('.000Z', 'Z'), ms };
}

function stringList(v: unknown, name: string): Validation<string[]> {
	if (v === undefined || v === null) return { ok: true, value: [] };
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return { ok: false, message: `${name} must be a list of strings` };
	return { ok: true, value: [...new Set((v as string[]).map((x) => x.trim()).filter((x) => x !== ''))] };
}

/**
 * Checks the fields every indicator must satisfy (after a create, or after merging a patch).
 * `now` decides whether an expiration lies in the past; pass `checkFutureExpiration=false` to skip.
 */
export function validateFields(input: Record<string, unknown>, now: number, checkFutureExpiration = true): Validation<IndicatorFields> {
	const fail = (message: string): Validation<IndicatorFields> => ({ ok: false, message });

	const type = input.type;
	if (type === undefined || type === null || type === '') return fail('type is required');
	if (typeof type !== 'string' || !(IOC_TYPES as readonly string[]).includes(type.toLowerCase())) {
		return fail(`Invalid type '${String(type)}': valid types are ${IOC_TYPES.join(', ')}`);
	}
	const t = type.toLowerCase() as IocType;

	const rawValue = input.value;
	if (rawValue === undefined || rawValue === null || rawValue === '') return fail('value is required');
	if (typeof rawValue !== 'string') return fail('value must be a string');
	const value = canonicalValue(t, rawValue);
	if (value === undefined) return fail(`Invalid value '${rawValue}' for type '${t}': ${valueRule(t)}`);

	const action = input.action;
	if (action === undefined || action === null || action === '') return fail('action is required');
	if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
		return fail(`Invalid action '${String(action)}': valid actions are ${ACTIONS.join(', ')}`);
	}
	if ((t === 'domain' || t === 'ipv4' || t === 'ipv6') && !NETWORK_ACTIONS.includes(action)) {
		return fail(`Action '${action}' is not supported for type '${t}': use ${NETWORK_ACTIONS.join(' or ')}`);
	}

	let mobileAction: string | undefined;
	if (input.mobile_action !== undefined && input.mobile_action !== null && input.mobile_action !== '') {
		if (typeof input.mobile_action !== 'string' || !(MOBILE_ACTIONS as readonly string[]).includes(input.mobile_action)) {
			return fail(`Invalid mobile_action '${String(input.mobile_action)}': valid mobile actions are ${MOBILE_ACTIONS.join(', ')}`);
		}
		mobileAction = input.mobile_action;
	}

	const platforms = stringList(input.platforms, 'platforms');
	if (!platforms.ok) return fail(platforms.message);
	if (platforms.value.length === 0) return fail('platforms is required: at least one of windows, mac, linux');
	for (const p of platforms.value) {
		if (!(PLATFORMS as readonly string[]).includes(p.toLowerCase())) {
			return fail(`Invalid platform '${p}': valid platforms are ${PLATFORMS.join(', ')}`);
		}
	}
	const platformList = [...new Set(platforms.value.map((p) => p.toLowerCase()))];

	let severity = '';
	const sev = input.severity;
	if (sev !== undefined && sev !== null && sev !== '') {
		if (typeof sev !== 'string' || !(SEVERITIES as readonly string[]).includes(sev.toLowerCase())) {
			return fail(`Invalid severity '${String(sev)}': valid severities are ${SEVERITIES.join(', ')}`);
		}
		severity = sev.toLowerCase();
	} else if (action === 'prevent' || action === 'detect') {
		return fail(`severity is required for action '${action}'`);
	}

	const groups = stringList(input.host_groups, 'host_groups');
	if (!groups.ok) return fail(groups.message);
	for (const g of groups.value) {
		if (g.length !== 32 || !HEX.test(g)) return fail(`Invalid host group id '${g}': must be 32 hexadecimal characters`);
	}
	const global = input.applied_globally;
	if (global !== undefined && global !== null && typeof global !== 'boolean') return fail('applied_globally must be a boolean');
	if (global === true && groups.value.length > 0) return fail('applied_globally and host_groups are mutually exclusive: set one or the other');
	if (global !== true && groups.value.length === 0) return fail('applied_globally must be true or host_groups must be provided');

	let expiration: string | undefined;
	let expirationMs: number | null = null;
	if (input.expiration !== undefined && input.expiration !== null && input.expiration !== '') {
		const exp = parseExpiration(input.expiration);
		if (!exp) return fail(`Invalid expiration '${String(input.expiration)}': use an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SSZ)`);
		if (checkFutureExpiration && exp.ms <= now) return fail(`Invalid expiration '${String(input.expiration)}': it must be in the future`);
		expiration = exp.iso;
		expirationMs = exp.ms;
	}

	let source: string | undefined;
	if (input.source !== undefined && input.source !== null && input.source !== '') {
		if (typeof input.source !== 'string') return fail('source must be a string');
		if (input.source.length > MAX_SOURCE_LENGTH) return fail(`source must be at most ${MAX_SOURCE_LENGTH} characters`);
		source = input.source;
	}

	let description: string | undefined;
	if (input.description !== undefined && input.description !== null && input.description !== '') {
		if (typeof input.description !== 'string') return fail('description must be a string');
		if (input.description.length > MAX_DESCRIPTION_LENGTH) return fail(`description must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
		description = input.description;
	}

	const tags = stringList(input.tags, 'tags');
	if (!tags.ok) return fail(tags.message);

	let metadata: IndicatorFields['metadata'] = {};
	if (input.metadata !== undefined && input.metadata !== null) {
		if (!isObject(input.metadata)) return fail('metadata must be an object');
		const fn = input.metadata.filename;
		if (fn !== undefined && fn !== null && typeof fn !== 'string') return fail('metadata.filename must be a string');
		metadata = { ...input.metadata };
		if (fn === null || fn === '') delete metadata.filename;
	}

	return {
		ok: true,
		value: {
			type: t,
			value,
			action: action as IocAction,
			mobile_action: mobileAction,
			severity,
			platforms: platformList,
			applied_globally: global === true,
			host_groups: groups.value.map((g) => g.toLowerCase()),
			expiration,
			expirationMs,
			source,
			description,
			tags: tags.value,
			metadata,
		},
	};
}

/** The fields an update may change. */
export const UPDATABLE_FIELDS = [
	'action',
	'mobile_action',
	'severity',
	'platforms',
	'applied_globally',
	'host_groups',
	'expiration',
	'source',
	'description',
	'tags',
	'metadata',
] as const;
