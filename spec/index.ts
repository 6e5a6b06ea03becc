/**
 * Typed access to the vendored API specs: spec/falcon/falcon-spec.json (CrowdStrike's published
 * swagger, as gofalcon is generated from it; rebuilt by scripts/spec/build-falcon-spec.ts) and
 * spec/orion/orion-spec.json (the Cytomic Orion IOC API page, by hand; decisions in
 * docs/orion-spec-decisions.md). Test and tooling code only: nothing under nodes/ imports this.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ParamIn = 'query' | 'formData' | 'path' | 'header' | 'body';

export interface FalconParam {
	name: string;
	in: ParamIn;
	goType: string;
	model?: string;
	collectionFormat?: string;
	requiredByGo?: boolean;
	required?: boolean;
	enum?: string[];
	type?: string;
	collectionFormat_fp?: string;
	items?: { type?: string; enum?: string[] };
	default?: unknown;
	maximum?: number;
	minimum?: number;
	maxItems?: number;
	description?: string;
}

export interface FalconOperation {
	collection: string;
	goFunc: string;
	operationId: string;
	method: string;
	path: string;
	consumes: string[];
	produces: string[];
	params: FalconParam[];
	responses: Record<string, string | null>;
	falconpy: { operationId: string } | null;
}

export interface FalconField {
	goType: string;
	required?: boolean;
	ref?: string;
	enum?: string[];
	itemsEnum?: string[];
	format?: string;
}

export interface FalconModel {
	go: string;
	swagger: string;
	file: string;
	alias?: string;
	enumVars?: Record<string, unknown[]>;
	fields?: Record<string, FalconField>;
}

export interface FalconEnumOverlay {
	operationId?: string;
	param?: string;
	model?: string;
	field?: string;
	bodyPath?: string;
	when?: Record<string, string>;
	items?: boolean;
	values: string[];
	source: string;
}

export interface FalconKnownExtraStatus {
	operationIds: string[];
	status: number;
	model: string | null;
	when: string;
	source: string;
}

export interface FalconQuirk {
	model: string;
	kind: 'notRequired' | 'oneOfRequired' | 'embedded';
	fields?: string[];
	source: string;
}

export interface FalconSpec {
	source: Record<string, { repo: string; commit: string; date: string }>;
	operations: FalconOperation[];
	models: Record<string, FalconModel>;
	falconpyOnlyOperations: Array<{ method: string; path: string; operationId: string; collection: string; description: string }>;
	enums: FalconEnumOverlay[];
	knownExtraStatuses: FalconKnownExtraStatus[];
	quirks: FalconQuirk[];
}

/** A JSON shape in the Orion spec: a small JSON-Schema subset. */
export interface OrionSchema {
	type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
	/** Any of these types (e.g. ["string", "null"]). */
	types?: Array<'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null'>;
	properties?: Record<string, OrionSchema>;
	required?: string[];
	/** Extra properties are allowed (true) or a violation (false, the default for objects). */
	additionalProperties?: boolean;
	/** Exactly one of these properties must be present (the IOC value key). */
	oneOfRequired?: string[];
	items?: OrionSchema;
	enum?: Array<string | number | boolean | null>;
	/** Refers to `schemas[name]`. */
	ref?: string;
	/** Property names compare without regard to case (Orion's .NET JSON binding). */
	caseInsensitive?: boolean;
	description?: string;
}

export interface OrionParam {
	name: string;
	in: 'path' | 'query' | 'header';
	required: boolean;
	type: 'string' | 'boolean' | 'integer';
	enum?: string[];
	/** Names that compare without regard to case. */
	caseInsensitive?: boolean;
	description?: string;
	decision?: string;
}

export interface OrionOperation {
	operationId: string;
	summary: string;
	method: string;
	/** Relative to the API base URL (`/api/v1/applications`). */
	path: string;
	/** Other spellings the page gives for the same path (matched as the same operation). */
	pathAliases?: string[];
	params: OrionParam[];
	consumes: string[];
	produces: string[];
	body?: OrionSchema;
	bodyRequired?: boolean;
	responses: Record<string, OrionSchema | null>;
	source: string;
	decisions?: string[];
}

export interface OrionSpec {
	source: { page: string; file: string; vendor: string; notes: string };
	basePath: string;
	auth: Record<string, unknown>;
	iocTypes: Record<string, { valueKey: string; aliases: string[]; source: string }>;
	schemas: Record<string, OrionSchema>;
	operations: OrionOperation[];
	knownExtraStatuses: Array<{ operationIds: string[]; status: number; schema: OrionSchema | null; when: string; source: string }>;
}

const cache = new Map<string, unknown>();

function load<T>(file: string): T {
	const full = path.join(__dirname, file);
	let value = cache.get(full);
	if (!value) {
		value = JSON.parse(fs.readFileSync(full, 'utf8')) as T;
		cache.set(full, value);
	}
	return value as T;
}

export function falconSpec(): FalconSpec {
	return load<FalconSpec>('falcon/falcon-spec.json');
}

export function orionSpec(): OrionSpec {
	return load<OrionSpec>('orion/orion-spec.json');
}
