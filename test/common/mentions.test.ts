import { MentionIndex } from '../../nodes/common/mentions';

describe('MentionIndex: which answer entries name which IDs', () => {
	const entries = [
		{ code: 404, message: "Indicator with id 'AB12' not found", id: 'ab12' },
		{ code: 400, message: 'Invalid value: evil.example.' },
		{ code: 400, message: 'Device cd34 is already contained' },
		{ code: 404, message: "Alert with composite id 'c1d:ind:e5:f6' not found" },
		{ code: 400, message: 'value=2001:db8::1 is refused' },
	];
	const index = new MentionIndex(entries);

	it('finds an ID by the entry\'s id, quoted, bare, before punctuation, after a colon or `=`, whatever its case', () => {
		expect(index.messagesAbout(['AB12'])).toEqual([entries[0].message]);
		expect(index.messagesAbout(['evil.example'])).toEqual([entries[1].message]);
		expect(index.messagesAbout(['CD34'])).toEqual([entries[2].message]);
		expect(index.messagesAbout(['c1d:ind:e5:f6'])).toEqual([entries[3].message]);
		expect(index.messagesAbout(['2001:db8::1'])).toEqual([entries[4].message]);
	});

	it('names each entry once for several IDs, and nothing for an ID no entry names', () => {
		expect(index.about(['ab12', 'AB12', 'cd34'])).toEqual([entries[0], entries[2]]);
		expect(index.about(['ab1', 'zz'])).toEqual([]);
	});

	it('indexes 20,000 entries and answers 20,000 IDs in one pass each', () => {
		const many = Array.from({ length: 20_000 }, (_, i) => ({ message: `Quarantined file with id 'q${i}' not found`, id: `q${i}` }));
		const big = new MentionIndex(many, many.map((entry) => entry.id));
		const ids = many.map((entry) => entry.id);
		expect(big.about(ids)).toHaveLength(20_000);
		expect(big.messagesAbout(['Q19999'])).toEqual([many[19_999].message]);
	});
});
