import { text, urlProblem } from '../../nodes/common/values';

// values.ts finds control characters by code, not with a regular expression (n8n-node lint's
// no-control-regex): the same characters are refused as before.
describe('control characters in free text and URLs', () => {
	const schema = text(100);

	it.each(['\u0000', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f'])('text refuses U+%s', (char) => {
		const result = schema.safeParse(`a${char}b`);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toBe('must not contain control characters');
	});

	it.each(['\t', '\n', '\r'])('text keeps tabs and new lines (%j)', (char) => {
		expect(schema.safeParse(`line one${char}line two`).success).toBe(true);
	});

	it('text keeps characters beyond ASCII, including astral ones', () => {
		expect(schema.safeParse('Größe 😀 \u0080').success).toBe(true);
	});

	it('a URL with a control character or a space is refused', () => {
		expect(urlProblem('https://example.com/a\u0001b')).toBe('must not contain spaces or control characters');
		expect(urlProblem('https://example.com/a\u007fb')).toBe('must not contain spaces or control characters');
		expect(urlProblem('https://example.com/a b')).toBe('must not contain spaces or control characters');
		expect(urlProblem('https://example.com/path')).toBeUndefined();
	});
});
