/**
 * Bad values, generated: a handful of families (wrong lengths and characters, control characters,
 * oversized text, FQL injection, wrong types, bad dates and numbers, bad JSON), each drawing from
 * a seeded PRNG, so the same seed gives the same inputs on every run and machine.
 */
import { Prng } from '../../../sandbox/core/prng';

export { Prng };

/** Control characters the nodes refuse in text (tab, line feed and carriage return are allowed in free text). */
export const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u0002', '\u0007', '\u0008', '\u000b', '\u000c', '\u000e', '\u0010', '\u001b', '\u001f', '\u007f'];

/** Pieces that try to end a quoted FQL value or add a clause to the filter around it. */
const FQL_PAYLOADS = [
	"'",
	"'+action:'allow'",
	"',value:'*",
	"'+type:'domain",
	"')",
	"'],value:['",
	"\\'",
	"*",
	"'+deleted:true+'",
	"' , created_by:'*",
	"\"",
	"%27",
	"+",
	",",
	"]",
	"[",
	":'x'",
	"'||'1'='1",
	"'/**/OR/**/'a'='a",
];

/** A random character that is not a hexadecimal digit (letters past f, punctuation, look-alikes). */
const NON_HEX = ['g', 'z', 'G', 'Z', 'x', '-', '_', '.', '/', ':', "'", '!', 'ａ', '０', 'а', 'é', '\u200b'];

export const insertAt = (text: string, at: number, piece: string) => `${text.slice(0, at)}${piece}${text.slice(at)}`;

/**
 * `count` copies of `base` with a control character put in somewhere inside it (never at an end,
 * where trimming would legitimately remove a vertical tab or form feed).
 */
export function withControl(prng: Prng, base: string, count: number): string[] {
	return Array.from({ length: count }, () => insertAt(base, prng.int(1, Math.max(1, base.length - 1)), prng.pick(CONTROL_CHARACTERS)));
}

/** Text longer than `max`: just past it, a few times it, and one huge. Characters are otherwise valid for the field. */
export function oversized(prng: Prng, max: number, count: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 '): string[] {
	const lengths = [max + 1, max + 2, max + prng.int(3, 50), max * 2, max * 10, 100_000];
	return Array.from({ length: count }, (_, i) => {
		const length = lengths[i % lengths.length] + (i >= lengths.length ? prng.int(0, max) : 0);
		let out = '';
		while (out.length < length) out += alphabet[prng.int(0, alphabet.length - 1)];
		// Never all spaces, never starting or ending with one (trimming must not save it).
		return `x${out.slice(2)}x`;
	});
}

/** Hex strings that are not `length` hex digits: other lengths, and a non-hex character somewhere. */
export function badHex(prng: Prng, length: number, count: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		if (i % 2 === 0) {
			let wrong = prng.int(1, length * 2);
			if (wrong === length) wrong += prng.pick([-1, 1]);
			out.push(prng.hex(wrong));
		} else {
			out.push(insertAt(prng.hex(length - 1), prng.int(0, length - 1), prng.pick(NON_HEX)));
		}
	}
	return out;
}

/** A valid value with FQL syntax added before, after or inside it. */
export function fqlInjections(prng: Prng, base: string, count: number): string[] {
	return Array.from({ length: count }, (_, i) => {
		const payload = FQL_PAYLOADS[i % FQL_PAYLOADS.length];
		const where = prng.int(0, 2);
		return where === 0 ? `${base}${payload}` : where === 1 ? `${payload}${base}` : insertAt(base, prng.int(1, Math.max(1, base.length - 1)), payload);
	});
}

/** Values of the wrong JavaScript type, as an expression can give them. */
export const WRONG_TYPES: unknown[] = [{ a: 1 }, [{ a: 1 }], true, { value: { nested: true } }];

/**
 * Numbers a field with a range must refuse: below, above, fractions where whole numbers are due,
 * not numbers at all. An optional field takes an empty value as "not set", so only a required one
 * gets '' and ' '.
 */
export function badNumbers(range: { min: number; max?: number; integer?: boolean; optional?: boolean }): unknown[] {
	const values: unknown[] = [range.min - 1, range.min - 0.5, -1e9, Number.NaN, 'abc', '12abc', ...(range.optional ? [] : ['', ' ']), Number.NEGATIVE_INFINITY, { n: 1 }];
	if (range.max !== undefined) values.push(range.max + 1, range.max * 10, Number.POSITIVE_INFINITY, 1e308);
	if (range.integer) values.push(range.min + 0.5, '2.5');
	return values.filter((value, index, all) => all.findIndex((other) => Object.is(other, value)) === index && !(typeof value === 'number' && value >= range.min && (range.max === undefined || value <= range.max) && (!range.integer || Number.isInteger(value))));
}

/** Dates no calendar has, or that are not dates at all. */
export const BAD_DATES: unknown[] = [
	'2024-13-01',
	'2024-00-10',
	'2024-01-32',
	'2024-02-30',
	'2023-02-29',
	'2024-04-31',
	'2024-01-01T25:00:00Z',
	'2024-01-01T10:61:00Z',
	'2024-01-01T10:00:00+25:00',
	'yesterday',
	'next week',
	'31/12/2024',
	'12/31/2024',
	'2024/01/01',
	'2024-1-1',
	'T10:00:00Z',
	'NaN',
	'2024-01-01Tjunk',
	'２０２４-01-01',
	true,
	{ year: 2024 },
];

/** JSON fields: not JSON, or JSON of the wrong shape for an aggregate query. */
export const BAD_AGGREGATE_JSON: unknown[] = [
	'{',
	'[',
	'{"type": "terms", "field": "type"',
	"{'type': 'terms', 'field': 'type'}",
	'{"type": "terms", "field": "type",}',
	'undefined',
	'NaN',
	'null',
	'42',
	'"terms"',
	'true',
	'[]',
	'[1, 2]',
	'[[{"type": "terms"}]]',
	'{"field": "type"}',
	'{"type": "bogus", "field": "type"}',
	'{"type": "TERMS", "field": "type"}',
	'[{"type": "terms", "field": "type"}, 5]',
	'[{"type": "terms", "field": "type"}, {"type": "nope"}]',
	'{"type": "terms\\u0000", "field": "type"}',
	42,
	true,
	[],
	[1],
];
