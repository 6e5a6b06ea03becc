import type { INode } from 'n8n-workflow';
import { z } from 'zod';

import { validateField, validateList } from '../../nodes/common/validation';
import { LIST_FORMATS, listOf, separatedBy } from '../../nodes/common/values';

const node: INode = { id: '1', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const hex = z.string().regex(/^[0-9a-f]{4}$/, 'an ID is 4 hexadecimal characters');
const failure = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('did not fail');
};

describe('list fields: one parser, the separators a user types', () => {
	it.each([
		['abcd, 1234', ['abcd', '1234']],
		['abcd;1234', ['abcd', '1234']],
		['abcd 1234\tbeef', ['abcd', '1234', 'beef']],
		['abcd\n1234\r\n\nbeef,', ['abcd', '1234', 'beef']],
		[['abcd', ' 1234 '], ['abcd', '1234']],
		['', []],
		[undefined, []],
	])('tokens: %j → %j', (raw, expected) => {
		expect(listOf(raw, LIST_FORMATS.tokens)).toEqual(expected);
	});

	it('phrases keep spaces inside a value (tags, sources)', () => {
		expect(listOf('needs review, campaign 42; vip\nfinance', LIST_FORMATS.phrases)).toEqual(['needs review', 'campaign 42', 'vip', 'finance']);
	});

	it('URLs keep their commas and semicolons; ", ", "; ", spaces and new lines separate them', () => {
		expect(listOf('https://a.example/x?q=1,2;3, https://b.example/y; https://c.example\nhttps://d.example https://e.example', LIST_FORMATS.urls)).toEqual([
			'https://a.example/x?q=1,2;3',
			'https://b.example/y',
			'https://c.example',
			'https://d.example',
			'https://e.example',
		]);
	});

	it('leaves other white space in the value, for its check to refuse', () => {
		expect(listOf('ab\u000bcd', LIST_FORMATS.tokens)).toEqual(['ab\u000bcd']);
	});

	it('a wrong value names the item, the field, the value, the rule and the separators that work', () => {
		expect(failure(() => validateList(node, hex, 'abcd, zz', 3, 'Thing IDs', LIST_FORMATS.tokens))).toBe(
			'Invalid "Thing IDs" in item 3: "zz": an ID is 4 hexadecimal characters (separate several values with new lines, commas, semicolons or spaces)',
		);
		expect(validateList(node, hex, 'abcd; beef', 0, 'Thing IDs', LIST_FORMATS.tokens)).toEqual(['abcd', 'beef']);
	});

	it('a hint says the same separators as the error', () => {
		expect(separatedBy(LIST_FORMATS.tokens)).toBe('separated by new lines, commas, semicolons or spaces');
	});

	it('a single field quotes the value it got, but never a secret', () => {
		expect(failure(() => validateField(node, hex, 'nope', 0, 'Thing ID'))).toBe('Invalid "Thing ID" in item 0: "nope": an ID is 4 hexadecimal characters');
		expect(failure(() => validateField(node, hex, 'hunter2', 0, 'Archive Password', { secret: true }))).toBe(
			'Invalid "Archive Password" in item 0: an ID is 4 hexadecimal characters',
		);
	});
});
