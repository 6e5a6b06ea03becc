import { z } from 'zod';

/** Vendor-neutral value checks (no API knowledge): free text, IP addresses, domains, URLs, lists and dates. */

/** C0 control characters (U+0000 to U+001F) and DEL, by code: no control character in a regular expression. */
function hasControlCharacter(value: string, allowed: readonly string[] = []): boolean {
	for (const char of value) {
		const code = char.charCodeAt(0);
		if ((code < 0x20 || code === 0x7f) && !allowed.includes(char)) return true;
	}
	return false;
}

/** Free text as an API stores it: no control characters (tabs and new lines allowed), bounded. */
export function text(max: number) {
	return z
		.string({ invalid_type_error: 'must be text' })
		.max(max, `must be at most ${max} characters`)
		.refine((value) => !hasControlCharacter(value, ['\t', '\n', '\r']), 'must not contain control characters');
}

export function isIpv4(value: string): boolean {
	const parts = value.split('.');
	return (
		parts.length === 4 &&
		parts.every((part) => /^\d{1,3}$/.test(part) && (part === '0' || !part.startsWith('0')) && Number(part) <= 255)
	);
}

export function isIpv6(value: string): boolean {
	if (value.length > 45 || !/^[0-9a-f:.]+$/i.test(value)) return false;
	let text = value;
	const lastColon = text.lastIndexOf(':');
	if (lastColon < 0) return false;
	const tail = text.slice(lastColon + 1);
	if (tail.includes('.')) {
		// An embedded IPv4 address (::ffff:192.0.2.1) counts as two groups.
		if (!isIpv4(tail)) return false;
		text = `${text.slice(0, lastColon + 1)}0:0`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
	const groups = [...groupsOf(halves[0]), ...(halves.length === 2 ? groupsOf(halves[1]) : [])];
	if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
	return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A fully qualified domain name: at least two labels, a non-numeric top-level label, at most 253 characters. */
export function isDomain(value: string): boolean {
	if (value.length > 253) return false;
	const labels = value.split('.');
	if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
	return !/^\d+$/.test(labels[labels.length - 1]);
}

/** An absolute URL with its protocol (scheme://host…), no spaces or control characters. */
export function urlProblem(value: string): string | undefined {
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'must include the protocol, e.g. https://www.example.com/path';
	if (/\s/.test(value) || hasControlCharacter(value)) return 'must not contain spaces or control characters';
	if (value.length > 2048) return 'must be at most 2048 characters';
	try {
		if (new URL(value).hostname === '') return 'has no host';
	} catch {
		return 'is not a valid URL';
	}
	return undefined;
}

/** How a list given as text is split, and how hints and errors name its separators. */
export interface ListFormat {
	pattern: RegExp;
	/** The separators as a user reads them: "new lines, commas, semicolons or spaces". */
	separators: string;
}

/**
 * The ways a list field is split. Only separators a user types count: other white space (a vertical
 * tab, a form feed) stays in the value, whose check refuses it.
 */
export const LIST_FORMATS = {
	/** Values that never hold spaces (IDs, hashes, IP addresses, domains, host names). */
	tokens: { pattern: /[ \t\r\n,;]+/, separators: 'new lines, commas, semicolons or spaces' },
	/** Values that may hold spaces (tags, sources). */
	phrases: { pattern: /[\r\n,;]+/, separators: 'new lines, commas or semicolons' },
	/** URLs, which may hold commas and semicolons but never spaces: a comma or semicolon counts only before a space. */
	urls: { pattern: /[,;]?[ \t\r\n]+/, separators: 'new lines or spaces (", " and "; " work too)' },
} satisfies Record<string, ListFormat>;

/** The hint a list field gives: "separated by new lines, commas, semicolons or spaces". */
export function separatedBy(format: ListFormat): string {
	return `separated by ${format.separators}`;
}

/** A list given as an array, or as text split as `format` says. */
export function listOf(value: unknown, format: ListFormat = LIST_FORMATS.tokens): string[] {
	let values: unknown[];
	if (Array.isArray(value)) values = value;
	else if (typeof value === 'string') values = value.split(format.pattern);
	else if (value === undefined || value === null) values = [];
	else values = [value];
	return values.map((entry) => (typeof entry === 'string' || typeof entry === 'number' ? String(entry).trim() : JSON.stringify(entry))).filter((entry) => entry !== '');
}

/**
 * Whether text starts with a date the calendar has (YYYY-MM-DD). `Date.parse` rolls impossible
 * days over (2024-02-30 is read as March 1st), so the day is checked against its month first.
 */
export function isCalendarDate(raw: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An IPv6 address in its canonical text form (RFC 5952): lower case, leading zeros dropped, the
 * longest run of two or more zero groups written `::`. An embedded IPv4 tail is kept as it is.
 * Undefined when the text is not an IPv6 address.
 */
export function canonicalIpv6(value: string): string | undefined {
	if (!isIpv6(value)) return undefined;
	const lower = value.toLowerCase();
	const lastColon = lower.lastIndexOf(':');
	const ipv4Tail = lower.slice(lastColon + 1).includes('.') ? lower.slice(lastColon + 1) : undefined;
	const head = ipv4Tail === undefined ? lower : lower.slice(0, lastColon + 1) + '0:0';
	const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
	const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
	const leftGroups = groupsOf(left);
	const rightGroups = right === undefined ? [] : groupsOf(right);
	const zeros = right === undefined ? [] : new Array<string>(8 - leftGroups.length - rightGroups.length).fill('0');
	const groups = [...leftGroups, ...zeros, ...rightGroups].map((group) => group.replace(/^0+(?=.)/, ''));
	let best = { start: -1, length: 0 };
	for (let start = 0; start < groups.length; ) {
		if (groups[start] !== '0') {
			start++;
			continue;
		}
		let end = start;
		while (end < groups.length && groups[end] === '0') end++;
		if (end - start > best.length) best = { start, length: end - start };
		start = end;
	}
	const written = ipv4Tail === undefined ? groups : [...groups.slice(0, 6)];
	const text = (parts: string[]) => parts.join(':');
	let result: string;
	const limit = written.length;
	if (best.length >= 2 && best.start < limit) {
		const end = Math.min(best.start + best.length, limit);
		result = `${text(written.slice(0, best.start))}::${text(written.slice(end))}`;
	} else result = text(written);
	if (ipv4Tail !== undefined) result = result.endsWith(':') ? `${result}${ipv4Tail}` : `${result}:${ipv4Tail}`;
	return result;
}
