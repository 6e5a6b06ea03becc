import { z } from 'zod';

import { isDomain, isIpv4, isIpv6, urlProblem } from '../../common/values';

/**
 * The IOC types of the Orion IOC API. The canonical names are what the path takes (the vendor's
 * worked example sends `IPIoc`; its retrospective page names `FileHashIoc`); the body names the
 * value by `hash`, `url`, `ip` or `domain`.
 */
export const ORION_IOC_TYPES = ['FileHashIoc', 'UrlIoc', 'IPIoc', 'DomainIoc'] as const;
export type OrionIocType = (typeof ORION_IOC_TYPES)[number];

export type OrionValueKey = 'hash' | 'url' | 'ip' | 'domain';

interface TypeRule {
	label: string;
	key: OrionValueKey;
	expected: string;
	/** The value as sent, or the reason it cannot be sent. */
	check(raw: string): { value: string } | { problem: string };
}

export const IOC_TYPE_RULES: Record<OrionIocType, TypeRule> = {
	FileHashIoc: {
		label: 'Hash (MD5)',
		key: 'hash',
		expected: 'an MD5 hash (32 hexadecimal characters)',
		check(raw) {
			const value = raw.toLowerCase();
			if (/^[a-f0-9]{32}$/.test(value)) return { value };
			if (/^[a-f0-9]{40}$|^[a-f0-9]{64}$/.test(value)) return { problem: 'is a SHA1 or SHA256 hash; Cytomic Orion takes MD5 hashes only' };
			return { problem: 'is not an MD5 hash (32 hexadecimal characters)' };
		},
	},
	UrlIoc: {
		label: 'URL',
		key: 'url',
		expected: 'a URL with its protocol',
		check(raw) {
			const problem = urlProblem(raw);
			return problem ? { problem } : { value: raw };
		},
	},
	IPIoc: {
		label: 'IP',
		key: 'ip',
		expected: 'an IPv4 or IPv6 address',
		check(raw) {
			if (isIpv4(raw)) return { value: raw };
			if (isIpv6(raw)) return { value: raw.toLowerCase() };
			return { problem: 'is not an IPv4 or IPv6 address' };
		},
	},
	DomainIoc: {
		label: 'Domain',
		key: 'domain',
		expected: 'a domain name',
		check(raw) {
			const value = raw.toLowerCase().replace(/\.$/, '');
			if (/^[a-z][a-z0-9+.-]*:\/\//.test(value) || value.includes('/')) return { problem: 'is a URL; choose the URL type, or give the domain alone' };
			if (isIpv4(value) || isIpv6(value)) return { problem: 'is an IP address; choose the IP type' };
			return isDomain(value) ? { value } : { problem: 'is not a domain name (e.g. malware.example.com)' };
		},
	},
};

const ALIASES: Record<string, OrionIocType> = {
	filehashioc: 'FileHashIoc',
	filehash: 'FileHashIoc',
	hash: 'FileHashIoc',
	md5: 'FileHashIoc',
	urlioc: 'UrlIoc',
	url: 'UrlIoc',
	ipioc: 'IPIoc',
	ip: 'IPIoc',
	ipv4: 'IPIoc',
	ipv6: 'IPIoc',
	domainioc: 'DomainIoc',
	domain: 'DomainIoc',
};

/** The IOC type, from its canonical name or the names the vendor's pages use (Hash, Url, IP, Domain). */
export const iocTypeSchema = z.unknown().transform((value, context): OrionIocType => {
	const type = typeof value === 'string' ? ALIASES[value.trim().toLowerCase()] : undefined;
	if (type) return type;
	context.addIssue({
		code: z.ZodIssueCode.custom,
		message: `${JSON.stringify(value) ?? String(value)} is not an IOC type (use FileHashIoc, UrlIoc, IPIoc or DomainIoc)`,
	});
	return z.NEVER;
});

/** The value as the API gets it, or why it cannot be sent. */
export function checkIocValue(type: OrionIocType, raw: string): { value: string } | { problem: string } {
	const checked = IOC_TYPE_RULES[type].check(raw.trim());
	if ('problem' in checked) {
		const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
		return { problem: `"${shown}" ${checked.problem}` };
	}
	return checked;
}

/** How two values of a type are compared when answers are paired back to items. */
export function iocKey(type: OrionIocType, value: string): string {
	return `${type}:${type === 'UrlIoc' ? value : value.toLowerCase()}`;
}
