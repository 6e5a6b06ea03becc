/**
 * Falcon Query Language (FQL): a parser and a compiler to predicates.
 *
 *   filter     := or
 *   or         := and (',' and)*            ',' is OR
 *   and        := primary ('+' primary)*    '+' is AND (binds tighter than ',')
 *   primary    := '(' or ')' | comparison
 *   comparison := field ':' op? (literal | '[' literal (',' literal)* ']')
 *   op         := '!' | '>' | '>=' | '<' | '<=' | '*' (wildcard) | '!*' | '~' (contains) | '!~'
 *   literal    := 'single quoted' | "double quoted" | bare (true, false, null, 12, 2024-01-01, now-7d)
 *
 * Fields are declared in a schema (name -> type + getter), so unknown fields are refused
 * and values are compared by type: strings case-insensitively (unless the field is
 * case-sensitive, like `*.raw`), arrays match when any element matches, dates by instant.
 */

import { ApiError } from './envelope';

export type FieldType = 'string' | 'number' | 'boolean' | 'date';

export interface FieldDef<T> {
	type: FieldType;
	/** Value of the field: a primitive, null/undefined, or an array of primitives. Dates: epoch ms (or ISO string). */
	get: (doc: T) => unknown;
	/** Exact, case-sensitive string matching (e.g. `metadata.filename.raw`). */
	caseSensitive?: boolean;
	/** May be used in `sort` (default true). */
	sortable?: boolean;
	/** May be used in filters (default true). */
	filterable?: boolean;
}

export type FieldSchema<T> = Record<string, FieldDef<T>>;

export type FqlOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'wild' | 'nwild' | 'contains' | 'ncontains';

export interface FqlLiteral {
	text: string;
	quoted: boolean;
}

export type FqlNode =
	| { kind: 'and'; items: FqlNode[] }
	| { kind: 'or'; items: FqlNode[] }
	| { kind: 'cmp'; field: string; op: FqlOp; values: FqlLiteral[]; list: boolean; pos: number };

/** A filter that does not parse: answer 400 "Invalid filter…". */
export class FqlSyntaxError extends Error {
	constructor(
		readonly detail: string,
		readonly position: number,
	) {
		super(`Invalid filter: ${detail} at position ${position}`);
		this.name = 'FqlSyntaxError';
	}
}

/** A filter naming an unknown field or giving a value of the wrong type: answer 400. */
export class FqlFieldError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FqlFieldError';
	}
}

export type FqlError = FqlSyntaxError | FqlFieldError;

export function isFqlError(err: unknown): err is FqlError {
	return err instanceof FqlSyntaxError || err instanceof FqlFieldError;
}

// ---------------------------------------------------------------------------------------------
// Parser

const BARE_STOP = new Set(['+', ',', '(', ')', '[', ']', ' ', '\t', '\n', '\r']);

class Parser {
	private pos = 0;

	constructor(private readonly src: string) {}

	parse(): FqlNode {
		this.ws();
		if (this.pos >= this.src.length) throw new FqlSyntaxError('empty filter', 0);
		const node = this.parseOr();
		this.ws();
		if (this.pos < this.src.length) {
			// "a:'x' b:'y'": most likely a '+' sent unencoded in a query string (it decodes to a space).
			const hint =
				this.pos > 0 && /\s/.test(this.src[this.pos - 1]) && /[A-Za-z_(]/.test(this.src[this.pos])
					? " (two conditions separated by a space: a '+' in a query string must be sent encoded as %2B)"
					: '';
			throw new FqlSyntaxError(`unexpected '${this.src[this.pos]}'${hint}`, this.pos);
		}
		return node;
	}

	private ws(): void {
		while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
	}

	private peek(): string | undefined {
		return this.src[this.pos];
	}

	private parseOr(): FqlNode {
		const items = [this.parseAnd()];
		for (;;) {
			this.ws();
			if (this.peek() !== ',') break;
			this.pos++;
			items.push(this.parseAnd());
		}
		return items.length === 1 ? items[0] : { kind: 'or', items };
	}

	private parseAnd(): FqlNode {
		const items = [this.parsePrimary()];
		for (;;) {
			this.ws();
			if (this.peek() !== '+') break;
			this.pos++;
			items.push(this.parsePrimary());
		}
		return items.length === 1 ? items[0] : { kind: 'and', items };
	}

	private parsePrimary(): FqlNode {
		this.ws();
		if (this.peek() === '(') {
			const open = this.pos;
			this.pos++;
			const inner = this.parseOr();
			this.ws();
			if (this.peek() !== ')') throw new FqlSyntaxError(`missing ')' for '(' at ${open}`, this.pos);
			this.pos++;
			return inner;
		}
		return this.parseComparison();
	}

	private parseComparison(): FqlNode {
		const start = this.pos;
		const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(this.src.slice(this.pos));
		if (!m) {
			const c = this.peek();
			throw new FqlSyntaxError(c === undefined ? 'unexpected end of filter' : `expected a field name, found '${c}'`, this.pos);
		}
		const field = m[0];
		this.pos += field.length;
		this.ws();
		if (this.peek() !== ':') throw new FqlSyntaxError(`expected ':' after field '${field}'`, this.pos);
		this.pos++;
		this.ws();
		const op = this.parseOp();
		this.ws();
		let values: FqlLiteral[];
		let list = false;
		if (this.peek() === '[') {
			list = true;
			this.pos++;
			values = [];
			this.ws();
			if (this.peek() === ']') throw new FqlSyntaxError('empty value list', this.pos);
			for (;;) {
				this.ws();
				values.push(this.parseLiteral());
				this.ws();
				const c = this.peek();
				if (c === ',') {
					this.pos++;
					continue;
				}
				if (c === ']') {
					this.pos++;
					break;
				}
				throw new FqlSyntaxError(c === undefined ? "missing ']'" : `expected ',' or ']', found '${c}'`, this.pos);
			}
		} else {
			values = [this.parseLiteral()];
		}
		return { kind: 'cmp', field, op, values, list, pos: start };
	}

	private parseOp(): FqlOp {
		const s = this.src;
		const p = this.pos;
		const two = s.slice(p, p + 2);
		if (two === '>=') return this.take(2, 'gte');
		if (two === '<=') return this.take(2, 'lte');
		if (two === '!*') return this.take(2, 'nwild');
		if (two === '!~') return this.take(2, 'ncontains');
		const one = s[p];
		if (one === '>') return this.take(1, 'gt');
		if (one === '<') return this.take(1, 'lt');
		if (one === '!') return this.take(1, 'ne');
		if (one === '*') return this.take(1, 'wild');
		if (one === '~') return this.take(1, 'contains');
		return 'eq';
	}

	private take(n: number, op: FqlOp): FqlOp {
		this.pos += n;
		return op;
	}

	private parseLiteral(): FqlLiteral {
		const q = this.peek();
		if (q === "'" || q === '"') {
			const open = this.pos;
			this.pos++;
			let text = '';
			for (;;) {
				const c = this.src[this.pos];
				if (c === undefined) throw new FqlSyntaxError(`unterminated string starting`, open);
				if (c === '\\' && this.pos + 1 < this.src.length) {
					text += this.src[this.pos + 1];
					this.pos += 2;
					continue;
				}
				this.pos++;
				if (c === q) break;
				text += c;
			}
			return { text, quoted: true };
		}
		const start = this.pos;
		while (this.pos < this.src.length && !BARE_STOP.has(this.src[this.pos])) {
			if (this.src[this.pos] === "'" || this.src[this.pos] === '"') {
				throw new FqlSyntaxError('unexpected quote inside a value', this.pos);
			}
			this.pos++;
		}
		if (this.pos === start) {
			const c = this.peek();
			throw new FqlSyntaxError(c === undefined ? 'missing value' : `expected a value, found '${c}'`, this.pos);
		}
		return { text: this.src.slice(start, this.pos), quoted: false };
	}
}

export function parseFql(filter: string): FqlNode {
	return new Parser(filter).parse();
}

// ---------------------------------------------------------------------------------------------
// Compiler

export type Predicate<T> = (doc: T) => boolean;

/** Parses and compiles a filter against a schema. Throws FqlSyntaxError / FqlFieldError. */
export function compileFql<T>(filter: string, schema: FieldSchema<T>): Predicate<T> {
	return compileNode(parseFql(filter), schema);
}

/** Compiles an FQL filter, treating an empty/blank filter as "everything". */
export function compileOptionalFql<T>(filter: string | undefined, schema: FieldSchema<T>): Predicate<T> | undefined {
	if (filter === undefined || filter.trim() === '') return undefined;
	return compileFql(filter, schema);
}

export function compileNode<T>(node: FqlNode, schema: FieldSchema<T>): Predicate<T> {
	if (node.kind === 'and') {
		const parts = node.items.map((n) => compileNode(n, schema));
		return (doc) => {
			for (const p of parts) if (!p(doc)) return false;
			return true;
		};
	}
	if (node.kind === 'or') {
		const parts = node.items.map((n) => compileNode(n, schema));
		return (doc) => {
			for (const p of parts) if (p(doc)) return true;
			return false;
		};
	}
	return compileComparison(node, schema);
}

export function fieldNames<T>(schema: FieldSchema<T>, use: 'filter' | 'sort' = 'filter'): string[] {
	return Object.keys(schema).filter((k) => (use === 'filter' ? schema[k].filterable !== false : schema[k].sortable !== false));
}

type Scalar = string | number | boolean;
type ScalarTest = (v: Scalar) => boolean;

function compileComparison<T>(node: Extract<FqlNode, { kind: 'cmp' }>, schema: FieldSchema<T>): Predicate<T> {
	const def = Object.prototype.hasOwnProperty.call(schema, node.field) ? schema[node.field] : undefined;
	if (!def || def.filterable === false) {
		throw new FqlFieldError(
			`Invalid filter field '${node.field}'. Valid fields: ${fieldNames(schema).join(', ')}`,
		);
	}
	const negative = node.op === 'ne' || node.op === 'nwild' || node.op === 'ncontains';
	const positiveOp: FqlOp = node.op === 'ne' ? 'eq' : node.op === 'nwild' ? 'wild' : node.op === 'ncontains' ? 'contains' : node.op;

	const isNull = (l: FqlLiteral) => !l.quoted && l.text.toLowerCase() === 'null';
	const nullWanted = node.values.some(isNull);
	if (nullWanted && positiveOp !== 'eq') {
		throw new FqlFieldError(`Invalid filter: null can only be compared with ':' or ':!' (field '${node.field}')`);
	}
	const literals = node.values.filter((l) => !isNull(l));
	const tests = literals.map((l) => scalarTest(positiveOp, l, def, node.field));
	const get = def.get;

	const positive = (doc: T): boolean => {
		const v = get(doc);
		if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return nullWanted;
		if (Array.isArray(v)) {
			for (const item of v) {
				if (item === null || item === undefined) continue;
				for (const t of tests) if (t(item as Scalar)) return true;
			}
			return false;
		}
		for (const t of tests) if (t(v as Scalar)) return true;
		return false;
	};
	return negative ? (doc) => !positive(doc) : positive;
}

function scalarTest<T>(op: FqlOp, lit: FqlLiteral, def: FieldDef<T>, field: string): ScalarTest {
	switch (def.type) {
		case 'number': {
			if (op === 'wild' || op === 'contains') return stringTest(op, lit.text, false);
			const n = Number(lit.text);
			if (lit.text.trim() === '' || !Number.isFinite(n)) {
				throw new FqlFieldError(`Invalid filter: '${lit.text}' is not a number (field '${field}')`);
			}
			return numericTest(op, n, (v) => (typeof v === 'number' ? v : Number(v)));
		}
		case 'boolean': {
			const l = lit.text.toLowerCase();
			if (l !== 'true' && l !== 'false') {
				throw new FqlFieldError(`Invalid filter: '${lit.text}' is not a boolean (field '${field}')`);
			}
			if (op !== 'eq') throw new FqlFieldError(`Invalid filter: field '${field}' is boolean, use ':' or ':!'`);
			const want = l === 'true';
			return (v) => (typeof v === 'boolean' ? v : String(v).toLowerCase() === 'true') === want;
		}
		case 'date': {
			if (op === 'wild' || op === 'contains') return stringTest(op, lit.text, false);
			const parsed = parseFqlDate(lit.text);
			if (parsed === undefined) {
				throw new FqlFieldError(`Invalid filter: '${lit.text}' is not a date (field '${field}')`);
			}
			const toMs = (v: Scalar) => (typeof v === 'number' ? v : Date.parse(String(v)));
			if (op === 'eq' && parsed.dayOnly) {
				const from = parsed.ms;
				const to = parsed.ms + 86_400_000;
				return (v) => {
					const ms = toMs(v);
					return ms >= from && ms < to;
				};
			}
			return numericTest(op, parsed.ms, toMs);
		}
		default:
			return stringTest(op, lit.text, def.caseSensitive === true);
	}
}

function numericTest(op: FqlOp, n: number, conv: (v: Scalar) => number): ScalarTest {
	switch (op) {
		case 'eq':
			return (v) => conv(v) === n;
		case 'gt':
			return (v) => conv(v) > n;
		case 'gte':
			return (v) => conv(v) >= n;
		case 'lt':
			return (v) => conv(v) < n;
		case 'lte':
			return (v) => conv(v) <= n;
		default:
			return (v) => conv(v) === n;
	}
}

function stringTest(op: FqlOp, text: string, caseSensitive: boolean): ScalarTest {
	const norm = caseSensitive ? (s: string) => s : (s: string) => s.toLowerCase();
	const lit = norm(text);
	switch (op) {
		case 'eq':
			return (v) => norm(String(v)) === lit;
		case 'gt':
			return (v) => norm(String(v)) > lit;
		case 'gte':
			return (v) => norm(String(v)) >= lit;
		case 'lt':
			return (v) => norm(String(v)) < lit;
		case 'lte':
			return (v) => norm(String(v)) <= lit;
		case 'contains':
			return (v) => norm(String(v)).includes(lit);
		case 'wild': {
			const re = wildcardRegExp(text, caseSensitive);
			return (v) => re.test(String(v));
		}
		default:
			return (v) => norm(String(v)) === lit;
	}
}

/** `abc*` style pattern (only `*` is special) to an anchored RegExp. */
export function wildcardRegExp(pattern: string, caseSensitive = false): RegExp {
	const body = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${body}$`, caseSensitive ? 's' : 'is');
}

const RELATIVE = /^now(?:([+-])(\d+)([smhdwMy]))?$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8, M: 2.592e9, y: 3.1536e10 };

/** FQL date literal: ISO date/time, epoch ms/s digits, or now / now-7d / now+1h. */
export function parseFqlDate(text: string, now = Date.now()): { ms: number; dayOnly: boolean } | undefined {
	const t = text.trim();
	const rel = RELATIVE.exec(t);
	if (rel) {
		if (!rel[1]) return { ms: now, dayOnly: false };
		const delta = Number(rel[2]) * UNIT_MS[rel[3]];
		return { ms: rel[1] === '-' ? now - delta : now + delta, dayOnly: false };
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
		const ms = Date.parse(`${t}T00:00:00Z`);
		return Number.isNaN(ms) ? undefined : { ms, dayOnly: true };
	}
	if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) {
		const iso = t.replace(' ', 'T');
		const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
		return Number.isNaN(ms) ? undefined : { ms, dayOnly: false };
	}
	if (/^\d{10}$/.test(t)) return { ms: Number(t) * 1000, dayOnly: false };
	if (/^\d{13}$/.test(t)) return { ms: Number(t), dayOnly: false };
	return undefined;
}

/**
 * For handlers: compiles an optional filter, turning FQL errors into a 400 ApiError
 * (syntax: "Invalid filter: …"; unknown field: "Invalid filter field '…'. Valid fields: …").
 */
export function compileFilter<T>(filter: string | undefined, schema: FieldSchema<T>): Predicate<T> | undefined {
	try {
		return compileOptionalFql(filter, schema);
	} catch (err) {
		if (isFqlError(err)) throw new ApiError(400, err.message);
		throw err;
	}
}
