/**
 * Readers for the go-swagger code in CrowdStrike/gofalcon: `falcon/client/<collection>/*_client.go`
 * (operation id, method, path, media types), `*_parameters.go` (each parameter's wire name,
 * location, Go type, collection format, and whether the client always writes it) and
 * `*_responses.go` (the payload model per status), and `falcon/models/*.go` (fields, required
 * flags, formats, enums).
 */

export interface GoOperation {
	goFunc: string;
	operationId: string;
	method: string;
	path: string;
	produces: string[];
	consumes: string[];
}

export interface GoParam {
	name: string;
	in: 'query' | 'formData' | 'path' | 'header' | 'body';
	goField: string;
	goType: string;
	file: boolean;
	/** The client writes it unconditionally (swagger `required`), as go-swagger generates it. */
	requiredByGo: boolean;
	collectionFormat?: string;
}

export interface GoField {
	goType: string;
	required?: true;
	ref?: string;
	enum?: string[];
	itemsEnum?: string[];
	format?: string;
}

export interface GoModel {
	go: string;
	swagger: string;
	file: string;
	alias?: string;
	enumVars?: Record<string, unknown[]>;
	fields?: Record<string, GoField>;
	/** The Go model types the model refers to (fields and alias), in order. */
	refs: string[];
}

function stringList(src: string): string[] {
	return [...src.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

/** `func (a *Client) X(...)` blocks of `<collection>_client.go`. */
export function parseClient(text: string): GoOperation[] {
	const out: GoOperation[] = [];
	const re = /^func \(a \*Client\) (\w+)\(params \*\w+Params[^\n]*\n([\s\S]*?)^}/gm;
	for (const m of text.matchAll(re)) {
		const body = m[2];
		const id = /\bID:\s+"([^"]+)"/.exec(body);
		const method = /\bMethod:\s+"([^"]+)"/.exec(body);
		const pathPattern = /\bPathPattern:\s+"([^"]+)"/.exec(body);
		if (!id || !method || !pathPattern) continue;
		const produces = /ProducesMediaTypes:\s+\[\]string\{([^}]*)\}/.exec(body);
		const consumes = /ConsumesMediaTypes:\s+\[\]string\{([^}]*)\}/.exec(body);
		out.push({
			goFunc: m[1],
			operationId: id[1],
			method: method[1],
			path: pathPattern[1],
			produces: produces ? stringList(produces[1]) : [],
			consumes: consumes ? stringList(consumes[1]) : [],
		});
	}
	return out;
}

const IN: Record<string, GoParam['in']> = { query: 'query', form: 'formData', path: 'path', header: 'header' };

/** The parameters of `<X>Params` in the order the client writes them: plain, then files, then the body. */
export function parseParams(text: string, goFunc: string): GoParam[] {
	const struct = new RegExp(`^type ${goFunc}Params struct \\{\\n([\\s\\S]*?)^}`, 'm').exec(text);
	if (!struct) throw new Error(`No ${goFunc}Params struct`);
	const goTypes = new Map<string, string>();
	for (const m of struct[1].matchAll(/^\t(\w+) +(\S[^\n]*?)\s*$/gm)) goTypes.set(m[1], m[2]);

	const write = new RegExp(`^func \\(o \\*${goFunc}Params\\) WriteToRequest\\([^\\n]*\\n([\\s\\S]*?)^}`, 'm').exec(text);
	if (!write) throw new Error(`No ${goFunc}Params.WriteToRequest`);
	const lines = write[1].split('\n');
	const plain: GoParam[] = [];
	const files: GoParam[] = [];
	const bodies: GoParam[] = [];
	let condition: string | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const cond = /^\tif o\.(\w+) != nil \{/.exec(line);
		if (cond) {
			condition = cond[1];
			continue;
		}
		if (line === '\t}') {
			condition = undefined;
			continue;
		}
		if (/SetBodyParam\(o\.(\w+)\)/.test(line)) {
			const field = /SetBodyParam\(o\.(\w+)\)/.exec(line)![1];
			bodies.push({ name: 'body', in: 'body', goField: field, goType: goTypes.get(field) ?? '', file: false, requiredByGo: false });
			continue;
		}
		const comment = /^(\t+)\/\/ (query|form|path|header)( array| file)? param (\S+)$/.exec(line);
		if (!comment) continue;
		const topLevel = comment[1].length === 1;
		let field = topLevel ? undefined : condition;
		if (!field) {
			for (let j = i + 1; j < lines.length && !field; j++) {
				const ref = /\bo\.(\w+)/.exec(lines[j]);
				if (ref) field = ref[1];
			}
		}
		if (!field) throw new Error(`${goFunc}: no field for param ${comment[4]}`);
		const param: GoParam = {
			name: comment[4],
			in: IN[comment[2]],
			goField: field,
			goType: goTypes.get(field) ?? '',
			file: comment[3] === ' file',
			requiredByGo: topLevel,
		};
		const binder = new RegExp(`func \\(o \\*${goFunc}Params\\) bindParam${field}\\([\\s\\S]*?items\\.CollectionFormat: "(\\w*)"`).exec(text);
		if (binder) param.collectionFormat = binder[1];
		(param.file ? files : plain).push(param);
	}
	return [...plain, ...files, ...bodies];
}

/** Status → payload (`models.X` as `X`, `string`, or null for none) from `<x>_responses.go`. */
export function parseResponses(text: string): Record<string, string | null> {
	const out: Record<string, string | null> = {};
	const reader = /func \(o \*\w+Reader\) ReadResponse\([\s\S]*?switch response\.Code\(\) \{([\s\S]*?)\n\t\}/.exec(text);
	if (!reader) throw new Error('No ReadResponse');
	for (const m of reader[1].matchAll(/case (\d+):\s*\n\s*result := New(\w+)\(\)/g)) {
		const struct = new RegExp(`^type ${m[2]} struct \\{\\n([\\s\\S]*?)^}`, 'm').exec(text);
		const payload = struct ? /^\tPayload (\S+)/m.exec(struct[1]) : null;
		out[m[1]] = payload ? payload[1].replace(/^\*?(?:models\.)?/, '') : null;
	}
	return out;
}

/** Model types referred to by a Go type expression (`*X`, `[]*X`, `map[string]X`, `[]X`). */
export function typeRefs(goType: string, known: (name: string) => boolean): string | undefined {
	const base = goType.replace(/^(?:\*|\[\]|map\[string\])+/, '').replace(/^models\./, '');
	return known(base) ? base : undefined;
}

/** Every type a `falcon/models/*.go` file declares. */
export function declaredTypes(text: string): string[] {
	return [...text.matchAll(/^type (\w+) /gm)].map((m) => m[1]);
}

export function parseModel(text: string, name: string, file: string, known: (name: string) => boolean): GoModel {
	const swaggerName = /^\/\/ swagger:model (\S+)/m.exec(text);
	const model: GoModel = { go: name, swagger: swaggerName ? swaggerName[1] : name, file, refs: [] };
	const enumVars: Record<string, unknown[]> = {};
	for (const m of text.matchAll(/^var (\w+) \[\]interface\{\}\s*func init\(\) \{\s*var res \[\]\S+\s*if err := json\.Unmarshal\(\[\]byte\(`([^`]*)`\)/gm)) {
		enumVars[m[1]] = JSON.parse(m[2]) as unknown[];
	}
	const struct = new RegExp(`^type ${name} struct \\{\\n([\\s\\S]*?)^}`, 'm').exec(text);
	if (!struct) {
		const alias = new RegExp(`^type ${name} (.+)$`, 'm').exec(text);
		model.alias = alias ? alias[1].trim() : 'interface{}';
		const ref = typeRefs(model.alias, known);
		if (ref) model.refs.push(ref);
		if (Object.keys(enumVars).length > 0) model.enumVars = enumVars;
		return model;
	}
	if (Object.keys(enumVars).length > 0) model.enumVars = enumVars;
	const fields: Record<string, GoField> = {};
	let comments: string[] = [];
	for (const line of struct[1].split('\n')) {
		const comment = /^\t\/\/ ?(.*)$/.exec(line);
		if (comment) {
			comments.push(comment[1]);
			continue;
		}
		const field = /^\t(\w+) +(\S+) +`json:"([^"]*)"/.exec(line);
		if (!field) {
			if (line.trim() === '') comments = [];
			continue;
		}
		const json = field[3].split(',')[0];
		const goField = field[1];
		const entry: GoField = { goType: field[2] };
		if (comments.some((c) => c.trim() === 'Required: true')) entry.required = true;
		const ref = typeRefs(field[2], known);
		if (ref) {
			entry.ref = ref;
			model.refs.push(ref);
		}
		const lower = name.toLowerCase();
		for (const [v, values] of Object.entries(enumVars)) {
			if (v.toLowerCase() === `${lower}type${goField.toLowerCase()}propenum`) entry.enum = values as string[];
			if (v.toLowerCase() === `${lower}${goField.toLowerCase()}itemsenum`) entry.itemsEnum = values as string[];
		}
		const format = comments.map((c) => /^Format: (\S+)/.exec(c.trim())).find(Boolean);
		if (format) entry.format = format[1];
		comments = [];
		if (json !== '-' && json !== '') fields[json] = entry;
	}
	model.fields = fields;
	return model;
}
