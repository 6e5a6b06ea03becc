/**
 * A reader for the Python literals FalconPy's `src/falconpy/_endpoint/*.py` files are made of:
 * `_<name>_endpoints = [ [...], ... ]` with lists, dicts, strings (adjacent strings concatenate, as
 * in Python), numbers, True, False and None. Nothing else in those files is evaluated.
 */

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

class Reader {
	private at = 0;

	constructor(private readonly text: string) {}

	fail(message: string): never {
		const line = this.text.slice(0, this.at).split('\n').length;
		throw new Error(`${message} at line ${line}`);
	}

	skip(): void {
		for (;;) {
			const c = this.text[this.at];
			if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at++;
			else if (c === '#') while (this.at < this.text.length && this.text[this.at] !== '\n') this.at++;
			else if (c === '\\' && this.text[this.at + 1] === '\n') this.at += 2;
			else return;
		}
	}

	peek(): string {
		this.skip();
		return this.text[this.at];
	}

	expect(c: string): void {
		if (this.peek() !== c) this.fail(`Expected ${c}`);
		this.at++;
	}

	value(): PyValue {
		const c = this.peek();
		if (c === '[' || c === '(') return this.list(c === '[' ? ']' : ')');
		if (c === '{') return this.dict();
		if (c === '"' || c === "'" || ((c === 'r' || c === 'u') && /["']/.test(this.text[this.at + 1] ?? ''))) return this.strings();
		const word = /^(True|False|None|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.at, this.at + 40));
		if (!word) this.fail(`Unexpected ${JSON.stringify(c)}`);
		this.at += word[1].length;
		if (word[1] === 'True') return true;
		if (word[1] === 'False') return false;
		if (word[1] === 'None') return null;
		return Number(word[1]);
	}

	list(close: string): PyValue[] {
		this.at++;
		const out: PyValue[] = [];
		while (this.peek() !== close) {
			out.push(this.value());
			if (this.peek() === ',') this.at++;
			else if (this.peek() !== close) this.fail(`Expected , or ${close}`);
		}
		this.at++;
		return out;
	}

	dict(): { [key: string]: PyValue } {
		this.at++;
		const out: { [key: string]: PyValue } = {};
		while (this.peek() !== '}') {
			const key = this.value();
			if (typeof key !== 'string') this.fail('Dict keys must be strings');
			this.expect(':');
			out[key] = this.value();
			if (this.peek() === ',') this.at++;
			else if (this.peek() !== '}') this.fail('Expected , or }');
		}
		this.at++;
		return out;
	}

	/** One or more adjacent string literals, concatenated. */
	strings(): string {
		let out = '';
		for (;;) {
			const c = this.peek();
			const raw = c === 'r' && /["']/.test(this.text[this.at + 1] ?? '');
			if (c === 'u' && /["']/.test(this.text[this.at + 1] ?? '')) this.at++;
			else if (raw) this.at++;
			const q = this.text[this.at];
			if (q !== '"' && q !== "'") return out;
			out += this.string(q, raw);
		}
	}

	string(q: string, raw: boolean): string {
		const triple = this.text.startsWith(q.repeat(3), this.at);
		const end = triple ? q.repeat(3) : q;
		this.at += end.length;
		let out = '';
		for (;;) {
			if (this.at >= this.text.length) this.fail('Unterminated string');
			if (this.text.startsWith(end, this.at)) {
				this.at += end.length;
				return out;
			}
			const c = this.text[this.at++];
			if (c !== '\\' || raw) {
				out += c;
				continue;
			}
			const e = this.text[this.at++];
			switch (e) {
				case 'n': out += '\n'; break;
				case 't': out += '\t'; break;
				case 'r': out += '\r'; break;
				case '0': out += '\0'; break;
				case '\n': break;
				case 'x': out += String.fromCharCode(parseInt(this.text.slice(this.at, this.at + 2), 16)); this.at += 2; break;
				case 'u': out += String.fromCharCode(parseInt(this.text.slice(this.at, this.at + 4), 16)); this.at += 4; break;
				case '\\': case '"': case "'": out += e; break;
				default: out += `\\${e}`;
			}
		}
	}
}

/** The value assigned to `name` at the top level of a Python module (`name = <literal>`). */
export function readPythonAssignment(source: string, name: string): PyValue {
	const m = new RegExp(`^${name}\\s*=\\s*`, 'm').exec(source);
	if (!m) throw new Error(`No assignment to ${name}`);
	const reader = new Reader(source.slice(m.index + m[0].length));
	return reader.value();
}

/** Every top-level `name = [` assignment of a module whose name ends in `suffix`. */
export function readPythonAssignments(source: string, suffix: string): Map<string, PyValue> {
	const out = new Map<string, PyValue>();
	for (const m of source.matchAll(new RegExp(`^(\\w+${suffix})\\s*=\\s*\\[`, 'gm'))) {
		out.set(m[1], readPythonAssignment(source, m[1]));
	}
	return out;
}
