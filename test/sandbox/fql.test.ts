import { compileFql, type FieldSchema, FqlFieldError, FqlSyntaxError, parseFql } from '../../sandbox/core/fql';
import { ApiError } from '../../sandbox/core/envelope';
import { parseSort, sortDocs } from '../../sandbox/core/sort';

interface Doc {
	id: string;
	type: string;
	value: string;
	score: number;
	enabled: boolean;
	created: number;
	tags: string[];
	meta: { filename?: string };
}

const SCHEMA: FieldSchema<Doc> = {
	id: { type: 'string', get: (d) => d.id },
	type: { type: 'string', get: (d) => d.type },
	value: { type: 'string', get: (d) => d.value },
	score: { type: 'number', get: (d) => d.score },
	enabled: { type: 'boolean', get: (d) => d.enabled },
	created_on: { type: 'date', get: (d) => d.created },
	tags: { type: 'string', get: (d) => d.tags, sortable: false },
	'metadata.filename': { type: 'string', get: (d) => d.meta.filename },
	'metadata.filename.raw': { type: 'string', get: (d) => d.meta.filename, caseSensitive: true },
};

const DOCS: Doc[] = [
	{ id: '1', type: 'sha256', value: 'abc123', score: 10, enabled: true, created: Date.parse('2024-01-01T10:00:00Z'), tags: ['apt', 'c2'], meta: { filename: 'Evil.exe' } },
	{ id: '2', type: 'md5', value: 'def456', score: 50, enabled: false, created: Date.parse('2024-02-15T00:00:00Z'), tags: [], meta: {} },
	{ id: '3', type: 'domain', value: 'bad.example', score: 70, enabled: true, created: Date.parse('2024-03-01T12:00:00Z'), tags: ['phishing'], meta: { filename: 'doc.pdf' } },
	{ id: '4', type: 'domain', value: 'abc.test', score: 90, enabled: true, created: Date.parse('2023-12-31T23:59:59Z'), tags: ['c2'], meta: {} },
];

function ids(filter: string): string[] {
	const pred = compileFql(filter, SCHEMA);
	return DOCS.filter(pred).map((d) => d.id);
}

describe('FQL parser and evaluator', () => {
	it('matches equality (case-insensitive), lists and negation', () => {
		expect(ids("type:'domain'")).toEqual(['3', '4']);
		expect(ids("type:'DOMAIN'")).toEqual(['3', '4']);
		expect(ids("type:['md5','sha256']")).toEqual(['1', '2']);
		expect(ids("type:!'domain'")).toEqual(['1', '2']);
		expect(ids("type:!['domain','md5']")).toEqual(['1']);
		expect(ids('type:"md5"')).toEqual(['2']);
	});

	it('combines with + (AND), "," (OR) and parentheses; AND binds tighter', () => {
		expect(ids("type:'domain'+score:>80")).toEqual(['4']);
		expect(ids("type:'md5',type:'sha256'")).toEqual(['1', '2']);
		expect(ids("type:'md5',type:'domain'+score:<80")).toEqual(['2', '3']);
		expect(ids("(type:'md5',type:'domain')+score:<80")).toEqual(['2', '3']);
		expect(ids("(type:'md5',type:'sha256')+enabled:true")).toEqual(['1']);
		expect(ids(" type : 'md5' , ( score:>=70 + score:<=70 ) ")).toEqual(['2', '3']);
	});

	it('compares numbers, booleans and dates', () => {
		expect(ids('score:>50')).toEqual(['3', '4']);
		expect(ids('score:>=50')).toEqual(['2', '3', '4']);
		expect(ids('score:<50')).toEqual(['1']);
		expect(ids('score:<=50')).toEqual(['1', '2']);
		expect(ids('score:50')).toEqual(['2']);
		expect(ids('enabled:false')).toEqual(['2']);
		expect(ids("enabled:'true'")).toEqual(['1', '3', '4']);
		expect(ids("created_on:>'2024-01-01'")).toEqual(['1', '2', '3']);
		expect(ids("created_on:>='2024-02-15T00:00:00Z'")).toEqual(['2', '3']);
		expect(ids("created_on:<'2024-01-01'")).toEqual(['4']);
		expect(ids("created_on:'2024-01-01'")).toEqual(['1']);
		expect(ids('created_on:>2024-02-01')).toEqual(['2', '3']);
		expect(ids("created_on:>'now-100000d'")).toEqual(['1', '2', '3', '4']);
	});

	it('supports wildcards (*), contains (~), arrays, nested fields and null', () => {
		expect(ids("value:*'abc*'")).toEqual(['1', '4']);
		expect(ids("value:*'*.example'")).toEqual(['3']);
		expect(ids("value:!*'abc*'")).toEqual(['2', '3']);
		expect(ids("value:'abc*'")).toEqual([]);
		expect(ids("value:~'45'")).toEqual(['2']);
		expect(ids("tags:'c2'")).toEqual(['1', '4']);
		expect(ids("tags:!'c2'")).toEqual(['2', '3']);
		expect(ids('tags:null')).toEqual(['2']);
		expect(ids("metadata.filename:'evil.exe'")).toEqual(['1']);
		expect(ids("metadata.filename.raw:'evil.exe'")).toEqual([]);
		expect(ids("metadata.filename.raw:'Evil.exe'")).toEqual(['1']);
		expect(ids('metadata.filename:!null')).toEqual(['1', '3']);
		expect(ids("value:'it\\'s'")).toEqual([]);
	});

	it('refuses unknown fields and wrongly typed values with clear messages', () => {
		expect(() => compileFql("nope:'x'", SCHEMA)).toThrow(FqlFieldError);
		expect(() => compileFql("nope:'x'", SCHEMA)).toThrow(/Invalid filter field 'nope'. Valid fields: id, type/);
		expect(() => compileFql("score:'abc'", SCHEMA)).toThrow(/not a number/);
		expect(() => compileFql("enabled:'maybe'", SCHEMA)).toThrow(/not a boolean/);
		expect(() => compileFql("created_on:>'yesterday-ish'", SCHEMA)).toThrow(/not a date/);
	});

	it.each([
		["type:'md5"],
		["type'md5'"],
		["type:'md5'+"],
		["(type:'md5'"],
		["type:'md5')"],
		['type:'],
		["type:['a',]"],
		["type:'a' type:'b'"],
		[''],
		['+'],
	])('answers "Invalid filter" for the syntax error %p', (filter) => {
		expect(() => parseFql(filter)).toThrow(FqlSyntaxError);
		expect(() => parseFql(filter)).toThrow(/^Invalid filter/);
	});
});

describe('sort', () => {
	const specsOf = (s: string) => parseSort<Doc>(s, SCHEMA, { tiebreaker: { field: 'id', direction: 'asc', get: (d) => d.id } });

	it('accepts field.asc, field.desc, field|asc and plain field; ties broken by id', () => {
		const order = (s: string) => sortDocs(DOCS, specsOf(s)).docs.map((d) => d.id);
		expect(order('score.desc')).toEqual(['4', '3', '2', '1']);
		expect(order('score|asc')).toEqual(['1', '2', '3', '4']);
		expect(order('created_on')).toEqual(['4', '1', '2', '3']);
		expect(order('type.asc')).toEqual(['3', '4', '2', '1']);
		expect(order('type.desc,score.desc')).toEqual(['1', '2', '4', '3']);
		expect(order('metadata.filename.raw.asc')).toEqual(['1', '3', '2', '4']);
	});

	it('refuses unknown or unsortable fields with 400', () => {
		expect(() => specsOf('nope.asc')).toThrow(ApiError);
		expect(() => specsOf('tags.asc')).toThrow(/Invalid sort field 'tags'/);
	});
});

describe('FQL hints', () => {
	it('points at an unencoded + (decoded to a space)', () => {
		expect(() => parseFql("type:'md5' action:'detect'")).toThrow(/%2B/);
	});
});
