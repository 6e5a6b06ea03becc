import './env';

import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { DirectoryLoader } from 'n8n-core';
// Not re-exported by n8n-core's index; its DirectoryLoader adds these to polling nodes.
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import { createHarnessNodeTypes } from './harness-nodes';

/** npm package name: our node types are `n8n-nodes-edr-soar.<description.name>`. */
export const PACKAGE_NAME = 'n8n-nodes-edr-soar';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');

export type AnyNodeType = INodeType | IVersionedNodeType;
/** A node type instance, or its class (instantiated by the registry). */
export type NodeTypeInput = AnyNodeType | (new () => AnyNodeType);
/** A credential type instance, or its class. */
export type CredentialTypeInput = ICredentialType | (new () => ICredentialType);

/** Extra types for one call, on top of the package's own (tests define fakes this way). */
export interface RegistryExtras {
	/** Registered as `n8n-nodes-edr-soar.<description.name>` unless the name has a dot already. */
	extraNodeTypes?: NodeTypeInput[];
	extraCredentialTypes?: CredentialTypeInput[];
}

/** `crowdStrikeFalconIoc` → `n8n-nodes-edr-soar.crowdStrikeFalconIoc`; full names unchanged. */
export function fullNodeTypeName(type: string): string {
	return type.includes('.') ? type : `${PACKAGE_NAME}.${type}`;
}

// ---------------------------------------------------------------------------------------------
// Package scan, cached per module registry (per jest test file; per process for scripts).
// A type is looked up first in the file its name points to by n8n's naming convention
// (`CrowdStrikeFalconIoc.node.ts` holds `crowdStrikeFalconIoc`), so a test that uses one node
// loads only that node's module; only when that fails are all files loaded.
// ---------------------------------------------------------------------------------------------

interface SourceCache<T> {
	files: string[] | undefined;
	loadedFiles: Set<string>;
	byName: Map<string, T>;
	errors: Map<string, Error>;
}

const nodeSource: SourceCache<AnyNodeType> = {
	files: undefined,
	loadedFiles: new Set(),
	byName: new Map(),
	errors: new Map(),
};
const credentialSource: SourceCache<ICredentialType> = {
	files: undefined,
	loadedFiles: new Set(),
	byName: new Map(),
	errors: new Map(),
};
const harnessNodes: Record<string, AnyNodeType> = createHarnessNodeTypes();

function listFiles(dir: string, suffix: string, recursive: boolean): string[] {
	try {
		return (readdirSync(dir, { recursive }) as string[])
			.filter((file) => file.endsWith(suffix) && !file.split(/[\\/]/).includes('node_modules'))
			.map((file) => join(dir, file))
			.sort();
	} catch {
		return [];
	}
}

function nodeFiles(): string[] {
	nodeSource.files ??= listFiles(join(PACKAGE_ROOT, 'nodes'), '.node.ts', true);
	return nodeSource.files;
}

function credentialFiles(): string[] {
	credentialSource.files ??= listFiles(join(PACKAGE_ROOT, 'credentials'), '.credentials.ts', false);
	return credentialSource.files;
}

function isClass(value: unknown): value is new () => unknown {
	return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function lowerFirst(value: string): string {
	return value.charAt(0).toLowerCase() + value.slice(1);
}

/** `CrowdStrikeFalconIoc.node.ts` → `CrowdStrikeFalconIoc` (n8n's loader uses it as class name). */
function classNameOf(file: string): string {
	return basename(file).split('.')[0];
}

/**
 * Requires a file and instantiates its exported classes (the one named after the file first, as
 * n8n's loader does), keeping those `accept` recognises.
 */
function instantiateExports<T>(file: string, accept: (value: unknown) => value is T): T[] {
	const exported = require(file) as Record<string, unknown>;
	const className = classNameOf(file);
	const classes = Object.entries(exported)
		.filter(([, value]) => isClass(value))
		.sort(([a], [b]) => Number(b === className) - Number(a === className));
	const found: T[] = [];
	for (const [, Class] of classes) {
		let instance: unknown;
		try {
			instance = new (Class as new () => unknown)();
		} catch {
			continue;
		}
		if (accept(instance)) found.push(instance);
	}
	return found;
}

function isNodeType(value: unknown): value is AnyNodeType {
	const description = (value as { description?: { name?: unknown } } | null)?.description;
	return typeof description?.name === 'string' && ('nodeVersions' in (value as object) || 'properties' in description);
}

function isCredentialType(value: unknown): value is ICredentialType {
	const candidate = value as Partial<ICredentialType> | null;
	return typeof candidate?.name === 'string' && Array.isArray(candidate.properties);
}

const prepared = new WeakSet<AnyNodeType>();

/**
 * What n8n's DirectoryLoader does to a node it loads (applySpecialNodeParameters): polling nodes
 * get the "Poll Times" parameter, declarative nodes the "Request Options" collection.
 */
function prepareNodeType(nodeType: AnyNodeType): AnyNodeType {
	if (prepared.has(nodeType)) return nodeType;
	prepared.add(nodeType);
	const versions = 'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
	for (const version of versions) {
		if (version.description.polling) version.description.properties.unshift(...commonPollingParameters);
		DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
	}
	return nodeType;
}

function loadNodeFile(file: string): void {
	if (nodeSource.loadedFiles.has(file)) return;
	nodeSource.loadedFiles.add(file);
	try {
		for (const nodeType of instantiateExports(file, isNodeType)) {
			nodeSource.byName.set(fullNodeTypeName(nodeType.description.name), prepareNodeType(nodeType));
		}
	} catch (error) {
		nodeSource.errors.set(file, error as Error);
	}
}

function loadCredentialFile(file: string): void {
	if (credentialSource.loadedFiles.has(file)) return;
	credentialSource.loadedFiles.add(file);
	try {
		for (const credentialType of instantiateExports(file, isCredentialType)) {
			credentialSource.byName.set(credentialType.name, credentialType);
		}
	} catch (error) {
		credentialSource.errors.set(file, error as Error);
	}
}

function lookUp<T>(
	source: SourceCache<T>,
	files: string[],
	load: (file: string) => void,
	name: string,
	conventionalName: string,
): T | undefined {
	const cached = source.byName.get(name);
	if (cached) return cached;
	for (const file of files) {
		if (lowerFirst(classNameOf(file)) === conventionalName) load(file);
	}
	if (!source.byName.has(name)) files.forEach(load);
	return source.byName.get(name);
}

function loadErrorsText(source: SourceCache<unknown>): string {
	if (source.errors.size === 0) return '';
	const lines = [...source.errors].map(([file, error]) => `  ${file}: ${error.message}`);
	return `\nFiles that failed to load:\n${lines.join('\n')}`;
}

function packageNodeType(fullName: string): AnyNodeType | undefined {
	if (!fullName.startsWith(`${PACKAGE_NAME}.`)) return undefined;
	const shortName = fullName.slice(PACKAGE_NAME.length + 1);
	return lookUp(nodeSource, nodeFiles(), loadNodeFile, fullName, shortName);
}

function packageCredentialType(name: string): ICredentialType | undefined {
	return lookUp(credentialSource, credentialFiles(), loadCredentialFile, name, name);
}

/** Every package node type (loads all node files). */
export function listPackageNodeTypes(): string[] {
	nodeFiles().forEach(loadNodeFile);
	return [...nodeSource.byName.keys()];
}

/** Every package credential type (loads all credential files). */
export function listPackageCredentialTypes(): string[] {
	credentialFiles().forEach(loadCredentialFile);
	return [...credentialSource.byName.keys()];
}

function instantiate<T>(input: T | (new () => T)): T {
	return typeof input === 'function' ? new (input as new () => T)() : input;
}

// ---------------------------------------------------------------------------------------------
// INodeTypes / ICredentialTypes as n8n-core and the credentials helper use them.
// ---------------------------------------------------------------------------------------------

export class HarnessNodeTypes implements INodeTypes {
	private readonly extra = new Map<string, AnyNodeType>();

	constructor(extras: NodeTypeInput[] = []) {
		for (const input of extras) {
			const nodeType = prepareNodeType(instantiate(input));
			this.extra.set(fullNodeTypeName(nodeType.description.name), nodeType);
		}
	}

	/** Registers a type for this registry only (the credential tester's temporary node does this). */
	register(fullName: string, nodeType: AnyNodeType): void {
		this.extra.set(fullName, nodeType);
	}

	find(type: string): AnyNodeType | undefined {
		const fullName = fullNodeTypeName(type);
		return this.extra.get(fullName) ?? harnessNodes[fullName] ?? packageNodeType(fullName);
	}

	getByName(type: string): AnyNodeType {
		const nodeType = this.find(type);
		if (nodeType) return nodeType;
		const fullName = fullNodeTypeName(type);
		throw new UnexpectedError(
			`Unknown node type "${fullName}". The harness knows ${PACKAGE_NAME}.* from nodes/**/*.node.ts, ` +
				`extraNodeTypes, and ${Object.keys(harnessNodes).join(', ')}.${loadErrorsText(nodeSource)}`,
		);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of [...Object.keys(harnessNodes), ...nodeSource.byName.keys(), ...this.extra.keys()]) {
			known[name] = { className: name, sourcePath: '' };
		}
		return known;
	}

	/** Newest version of a type: `defaultVersion` of a versioned node, else the highest listed. */
	latestVersion(type: string): number {
		const nodeType = this.getByName(type);
		if ('nodeVersions' in nodeType) {
			return nodeType.description.defaultVersion ?? Math.max(...Object.keys(nodeType.nodeVersions).map(Number));
		}
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}
}

export class HarnessCredentialTypes implements ICredentialTypes {
	private readonly extra = new Map<string, ICredentialType>();

	constructor(extras: CredentialTypeInput[] = []) {
		for (const input of extras) {
			const credentialType = instantiate(input);
			this.extra.set(credentialType.name, credentialType);
		}
	}

	private find(type: string): ICredentialType | undefined {
		return this.extra.get(type) ?? packageCredentialType(type);
	}

	recognizes(type: string): boolean {
		return this.find(type) !== undefined;
	}

	getByName(type: string): ICredentialType {
		const credentialType = this.find(type);
		if (credentialType) return credentialType;
		throw new UnexpectedError(
			`Unknown credential type "${type}". The harness knows credentials/*.credentials.ts and extraCredentialTypes.` +
				loadErrorsText(credentialSource),
		);
	}

	getSupportedNodes(type: string): string[] {
		return (this.find(type)?.supportedNodes ?? []).map(fullNodeTypeName);
	}

	/** All ancestors through `extends`, nearest first (as n8n's CredentialTypes). */
	getParentTypes(type: string): string[] {
		const parents = this.find(type)?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}
}

export interface Registry {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
}

/** The package's types (scanned once, lazily) plus this call's extras. Cheap: build one per run. */
export function createRegistry(extras: RegistryExtras = {}): Registry {
	return {
		nodeTypes: new HarnessNodeTypes(extras.extraNodeTypes),
		credentialTypes: new HarnessCredentialTypes(extras.extraCredentialTypes),
	};
}
